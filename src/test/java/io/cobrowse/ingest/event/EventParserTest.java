package io.cobrowse.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.event.InboundData.SessionData;
import io.cobrowse.ingest.event.InboundData.SessionStateData;
import io.cobrowse.ingest.event.InboundData.UnhandledData;
import io.cobrowse.ingest.event.InboundData.VisitorData;
import io.cobrowse.ingest.event.InboundData.VisitorDeleted;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventParserTest {

    static final String TS = "\"timestamp\": \"2026-11-24T09:10:00Z\"";

    static byte[] sample(String name) {
        try (InputStream in = EventParserTest.class.getResourceAsStream("/samples/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static EventParser.Result parse(String body) {
        return EventParser.parse(utf8(body));
    }

    static String visitor(String dataFields) {
        return "{\"type\": \"visitor.updated\", " + TS + ", \"data\": {" + dataFields + "}}";
    }

    static String session(String type, String extraFields) {
        return "{\"type\": \"" + type + "\", " + TS + ", \"data\": {\"id\": \"ses_1\", \"visitor_id\": \"v1\""
                + (extraFields.isEmpty() ? "" : ", " + extraFields) + "}}";
    }

    static String connection() {
        return connection("c-1", "c-1");
    }

    static String connection(String replace, String with) {
        String c = "{\"uniqueConnectionId\": \"c-1\", \"currentUrl\": null, \"activeSince\": \"2026-11-24T09:10:02Z\","
                + " \"status\": \"active\", \"expectedDisconnect\": null, \"hasFocus\": true}";
        return c.replace(replace, with);
    }

    static String state(String connections) {
        return "{\"type\": \"session.state\", " + TS
                + ", \"data\": {\"session_id\": \"ses_1\", \"visitor_id\": \"v1\", \"connections\": " + connections
                + "}}";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"visitor.updated", "visitor.deleted", "session.started", "session.ended", "session.state"})
    void everySampleParsesAsItsKnownType(String name) {
        EventParser.Result result = EventParser.parse(sample(name));
        assertThat(result.errors()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.event().type()).isEqualTo(name);
        assertThat(result.event().knownType()).contains(EventType.fromWire(name).orElseThrow());
        assertThat(result.event().data().visitorKey()).isEqualTo("k7Qm2Xp9");
    }

    @Test
    void visitorSampleIsReadFieldByField() {
        ParsedEvent event = EventParser.parse(sample("visitor.updated")).event();
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-11-24T09:04:59Z"));
        VisitorData d = (VisitorData) event.data();
        assertThat(d.shortId()).isEqualTo("k7Qm2Xp9");
        assertThat(d.addedAt()).isEqualTo(Instant.parse("2026-11-20T08:12:03Z"));
        assertThat(d.deviceType()).as("the inbound model is not normalized").isEqualTo("Mobile");
        assertThat(d.identities()).containsExactly("#12345", "Ada Lovelace", "ada.lovelace@example.com");
        assertThat(d.isOnline()).isTrue();
        assertThat(d.isInSession()).isFalse();
        assertThat(d.callName()).isNull();
        assertThat(d.name()).isNull();
    }

    @Test
    void sessionSamplesAreReadFieldByField() {
        SessionData ended =
                (SessionData) EventParser.parse(sample("session.ended")).event().data();
        assertThat(ended.agents()).extracting(InboundData.AgentData::id).containsExactly("ea_77ab", "u_1c9");
        assertThat(ended.callLengthSeconds()).isEqualTo(95);
        assertThat(ended.qualityFeedback()).singleElement().satisfies(f -> assertThat(f.rating())
                .isEqualByComparingTo(BigDecimal.valueOf(5)));
        assertThat(ended.metadata().get("visitor_plan").asText()).isEqualTo("trial");
        assertThat(ended.endedAt()).isEqualTo(Instant.parse("2026-11-24T09:21:10Z"));

        SessionStateData state = (SessionStateData)
                EventParser.parse(sample("session.state")).event().data();
        assertThat(state.sessionId()).isEqualTo("ses_9f2c41");
        assertThat(state.connections()).hasSize(2);
        assertThat(state.connections().get(1).expectedDisconnect().ts()).isEqualTo(1795511520000L);
        assertThat(state.connections().get(1).expectedDisconnect().returnTimeSeconds())
                .isEqualByComparingTo(BigDecimal.valueOf(30));
        assertThat(state.connections().get(1).lastFocusAt()).isNull();

        VisitorDeleted deleted = (VisitorDeleted)
                EventParser.parse(sample("visitor.deleted")).event().data();
        assertThat(deleted.shortId()).isEqualTo("k7Qm2Xp9");
    }

    static Stream<Arguments> malformedBodies() {
        return Stream.of(
                // the document as a whole
                Arguments.of("not JSON", "{\"type\": ", List.of("")),
                Arguments.of("plain text", "hello", List.of("")),
                Arguments.of("JSON array", "[{\"type\": \"visitor.updated\"}]", List.of("")),
                Arguments.of("JSON string", "\"visitor.updated\"", List.of("")),
                Arguments.of("JSON null", "null", List.of("")),
                Arguments.of("empty body", "", List.of("")),
                Arguments.of("whitespace only", "  \n", List.of("")),
                Arguments.of("trailing garbage after the object", visitor("\"short_id\": \"v1\"") + " x", List.of("")),
                Arguments.of("a second object after the object", visitor("\"short_id\": \"v1\"") + " {}", List.of("")),
                // duplicate keys
                Arguments.of(
                        "duplicate key at top level",
                        "{\"type\": \"visitor.updated\", \"type\": \"visitor.created\", " + TS
                                + ", \"data\": {\"short_id\": \"v1\"}}",
                        List.of("/type")),
                Arguments.of(
                        "duplicate key inside data",
                        visitor("\"short_id\": \"v1\", \"short_id\": \"v2\""),
                        List.of("/data/short_id")),
                // the envelope
                Arguments.of("missing type", "{" + TS + ", \"data\": {\"short_id\": \"v1\"}}", List.of("/type")),
                Arguments.of(
                        "missing timestamp",
                        "{\"type\": \"visitor.updated\", \"data\": {\"short_id\": \"v1\"}}",
                        List.of("/timestamp")),
                Arguments.of("missing data", "{\"type\": \"visitor.updated\", " + TS + "}", List.of("/data")),
                Arguments.of(
                        "null data", "{\"type\": \"visitor.updated\", " + TS + ", \"data\": null}", List.of("/data")),
                Arguments.of("type as number", "{\"type\": 7, " + TS + ", \"data\": {}}", List.of("/type")),
                Arguments.of("empty type", "{\"type\": \"\", " + TS + ", \"data\": {}}", List.of("/type")),
                Arguments.of(
                        "timestamp without offset",
                        "{\"type\": \"visitor.updated\", \"timestamp\": \"2026-11-24T09:10:00\", \"data\": {\"short_id\": \"v1\"}}",
                        List.of("/timestamp")),
                Arguments.of(
                        "timestamp not a date",
                        "{\"type\": \"visitor.updated\", \"timestamp\": \"yesterday\", \"data\": {\"short_id\": \"v1\"}}",
                        List.of("/timestamp")),
                Arguments.of(
                        "timestamp as a number",
                        "{\"type\": \"visitor.updated\", \"timestamp\": 1795511520, \"data\": {\"short_id\": \"v1\"}}",
                        List.of("/timestamp")),
                Arguments.of(
                        "data as array",
                        "{\"type\": \"visitor.updated\", " + TS + ", \"data\": [{\"short_id\": \"v1\"}]}",
                        List.of("/data")),
                Arguments.of(
                        "data as array for an unknown type",
                        "{\"type\": \"visitor.merged\", " + TS + ", \"data\": []}",
                        List.of("/data")),
                Arguments.of("all three envelope fields missing", "{}", List.of("/type", "/timestamp", "/data")),
                // visitor data
                Arguments.of("short_id missing", visitor("\"email\": \"a@example.com\""), List.of("/data/short_id")),
                Arguments.of("short_id null", visitor("\"short_id\": null"), List.of("/data/short_id")),
                Arguments.of("short_id number", visitor("\"short_id\": 42"), List.of("/data/short_id")),
                Arguments.of("short_id empty", visitor("\"short_id\": \"\""), List.of("/data/short_id")),
                Arguments.of(
                        "short_id missing on visitor.deleted",
                        "{\"type\": \"visitor.deleted\", " + TS + ", \"data\": {}}",
                        List.of("/data/short_id")),
                Arguments.of(
                        "is_online as the string \"true\"",
                        visitor("\"short_id\": \"v1\", \"is_online\": \"true\""),
                        List.of("/data/is_online")),
                Arguments.of(
                        "is_online as 1",
                        visitor("\"short_id\": \"v1\", \"is_online\": 1"),
                        List.of("/data/is_online")),
                Arguments.of(
                        "email as a number", visitor("\"short_id\": \"v1\", \"email\": 5"), List.of("/data/email")),
                Arguments.of(
                        "identities containing a number",
                        visitor("\"short_id\": \"v1\", \"identities\": [\"Ada\", 5]"),
                        List.of("/data/identities/1")),
                Arguments.of(
                        "identities as a string",
                        visitor("\"short_id\": \"v1\", \"identities\": \"Ada\""),
                        List.of("/data/identities")),
                Arguments.of(
                        "added_at invalid",
                        visitor("\"short_id\": \"v1\", \"added_at\": \"2026-13-01T00:00:00Z\""),
                        List.of("/data/added_at")),
                Arguments.of(
                        "last_seen_at without offset",
                        visitor("\"short_id\": \"v1\", \"last_seen_at\": \"2026-11-24 09:04:58\""),
                        List.of("/data/last_seen_at")),
                Arguments.of(
                        "two fields at fault",
                        visitor("\"is_online\": \"true\", \"tags\": [1]"),
                        List.of("/data/short_id", "/data/is_online", "/data/tags/0")),
                // session data
                Arguments.of(
                        "session id missing",
                        "{\"type\": \"session.started\", " + TS + ", \"data\": {\"visitor_id\": \"v1\"}}",
                        List.of("/data/id")),
                Arguments.of(
                        "session visitor_id missing",
                        "{\"type\": \"session.ended\", " + TS + ", \"data\": {\"id\": \"ses_1\"}}",
                        List.of("/data/visitor_id")),
                Arguments.of(
                        "call_length_seconds 1.5",
                        session("session.ended", "\"call_length_seconds\": 1.5"),
                        List.of("/data/call_length_seconds")),
                Arguments.of(
                        "call_length_seconds as a string",
                        session("session.ended", "\"call_length_seconds\": \"95\""),
                        List.of("/data/call_length_seconds")),
                Arguments.of(
                        "length_seconds beyond an int",
                        session("session.ended", "\"length_seconds\": 9999999999"),
                        List.of("/data/length_seconds")),
                Arguments.of(
                        "agents not an array",
                        session("session.started", "\"agents\": {\"id\": \"ea_1\"}"),
                        List.of("/data/agents")),
                Arguments.of(
                        "agent without id",
                        session("session.started", "\"agents\": [{\"id\": \"ea_1\"}, {\"agent_nickname\": \"Sam\"}]"),
                        List.of("/data/agents/1/id")),
                Arguments.of(
                        "agent as a string",
                        session("session.started", "\"agents\": [\"ea_1\"]"),
                        List.of("/data/agents/0")),
                Arguments.of(
                        "agent on_premise as a string",
                        session("session.started", "\"agents\": [{\"id\": \"ea_1\", \"on_premise\": \"no\"}]"),
                        List.of("/data/agents/0/on_premise")),
                Arguments.of(
                        "quality_feedback rating as a string",
                        session("session.ended", "\"quality_feedback\": [{\"rating\": \"5\", \"by\": \"ea_1\"}]"),
                        List.of("/data/quality_feedback/0/rating")),
                Arguments.of(
                        "ratings beyond a 64-bit float's range",
                        session(
                                "session.ended",
                                "\"visitor_agent_rating\": 1e999, \"quality_feedback\": [{\"rating\": -1E400},"
                                        + " {\"rating\": 1e-999}]"),
                        List.of(
                                "/data/visitor_agent_rating",
                                "/data/quality_feedback/0/rating",
                                "/data/quality_feedback/1/rating")),
                Arguments.of(
                        "metadata as a string",
                        session("session.started", "\"metadata\": \"ticket=1\""),
                        List.of("/data/metadata")),
                Arguments.of(
                        "started_at invalid",
                        session("session.started", "\"started_at\": \"soon\""),
                        List.of("/data/started_at")),
                Arguments.of(
                        "ended_at without offset",
                        session("session.ended", "\"ended_at\": \"2026-11-24T09:21:10\""),
                        List.of("/data/ended_at")),
                // session state
                Arguments.of(
                        "connections missing for session.state",
                        "{\"type\": \"session.state\", " + TS
                                + ", \"data\": {\"session_id\": \"ses_1\", \"visitor_id\": \"v1\"}}",
                        List.of("/data/connections")),
                Arguments.of(
                        "session_id missing for session.state",
                        "{\"type\": \"session.state\", " + TS
                                + ", \"data\": {\"visitor_id\": \"v1\", \"connections\": []}}",
                        List.of("/data/session_id")),
                Arguments.of("connections as an object", state("{}"), List.of("/data/connections")),
                Arguments.of(
                        "activeSince invalid",
                        state("[" + connection("2026-11-24T09:10:02Z", "not a date") + "]"),
                        List.of("/data/connections/0/activeSince")),
                Arguments.of(
                        "lastFocusAt without offset",
                        state("["
                                + connection(
                                        "\"hasFocus\": true",
                                        "\"hasFocus\": true, \"lastFocusAt\": \"2026-11-24T09:12:29\"")
                                + "]"),
                        List.of("/data/connections/0/lastFocusAt")),
                Arguments.of(
                        "expectedDisconnect as a string",
                        state("[" + connection("\"expectedDisconnect\": null", "\"expectedDisconnect\": \"soon\"")
                                + "]"),
                        List.of("/data/connections/0/expectedDisconnect")),
                Arguments.of(
                        "expectedDisconnect ts as a string",
                        state("["
                                + connection(
                                        "\"expectedDisconnect\": null",
                                        "\"expectedDisconnect\": {\"returnTimeSeconds\": 3, \"ts\": \"1795511520000\"}")
                                + "]"),
                        List.of("/data/connections/0/expectedDisconnect/ts")),
                Arguments.of(
                        "hasFocus in the second connection as a string",
                        state("[" + connection() + ", " + connection("\"hasFocus\": true", "\"hasFocus\": \"yes\"")
                                + "]"),
                        List.of("/data/connections/1/hasFocus")),
                Arguments.of(
                        "connection without uniqueConnectionId",
                        state("[" + connection("\"uniqueConnectionId\": \"c-1\", ", "") + "]"),
                        List.of("/data/connections/0/uniqueConnectionId")),
                // U+0000 anywhere
                Arguments.of(
                        "U+0000 in type",
                        "{\"type\": \"visitor.updated\\u0000\", " + TS + ", \"data\": {\"short_id\": \"v1\"}}",
                        List.of("/type")),
                Arguments.of(
                        "U+0000 in a visitor string",
                        visitor("\"short_id\": \"v1\", \"email\": \"a\\u0000@example.com\""),
                        List.of("/data/email")),
                Arguments.of(
                        "U+0000 in an identity",
                        visitor("\"short_id\": \"v1\", \"identities\": [\"Ada\", \"B\\u0000b\"]"),
                        List.of("/data/identities/1")),
                Arguments.of(
                        "U+0000 in a metadata value",
                        session("session.started", "\"metadata\": {\"ticket\": {\"note\": \"x\\u0000\"}}"),
                        List.of("/data/metadata/ticket/note")),
                Arguments.of(
                        "U+0000 in a connection field",
                        state("[" + connection("\"currentUrl\": null", "\"currentUrl\": \"https://x.example/\\u0000\"")
                                + "]"),
                        List.of("/data/connections/0/currentUrl")),
                Arguments.of(
                        "U+0000 in the data of an unknown type",
                        "{\"type\": \"visitor.merged\", " + TS + ", \"data\": {\"anything\": [\"\\u0000\"]}}",
                        List.of("/data/anything/0")),
                Arguments.of(
                        "U+0000 in an unknown field",
                        visitor("\"short_id\": \"v1\", \"future_field\": \"\\u0000\""),
                        List.of("/data/future_field")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\": \"visitor.updated\"} {}",
                "{\"type\": NaN}",
                "{\"type\": \"visitor.updated\", ",
                "{\"type\": 1e99999999999}",
                "DEEP"
            })
    void theDetailOfABodyThatIsNotJsonSaysWhatIsWrongWithoutTheParsersSettings(String body) {
        String sent = body.equals("DEEP") ? "[".repeat(5000) + "]".repeat(5000) : body;

        FieldError error = parse(sent).errors().get(0);

        assertThat(error.detail())
                .startsWith("is not valid JSON: ")
                .doesNotContain("`")
                .doesNotContain("Source");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void malformedBodyIsRejectedNamingEachFieldAtFault(String description, String body, List<String> pointers) {
        EventParser.Result result = parse(body);
        assertThat(result.valid()).as("valid").isFalse();
        assertThat(result.event()).isNull();
        assertThat(result.errors()).extracting(FieldError::pointer).containsExactlyInAnyOrderElementsOf(pointers);
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.detail()).isNotBlank());
    }

    static Stream<Arguments> nulInKeys() {
        return Stream.of(
                Arguments.of(
                        "a metadata key",
                        session("session.started", "\"metadata\": {\"tic\\u0000ket\": \"T-1\"}"),
                        "/data/metadata"),
                Arguments.of(
                        "a nested metadata key",
                        session("session.started", "\"metadata\": {\"a\": {\"b\\u0000\": 1}}"),
                        "/data/metadata/a"),
                Arguments.of("a data key", visitor("\"short_id\": \"v1\", \"\\u0000\": true"), "/data"),
                Arguments.of(
                        "a top-level key",
                        visitor("\"short_id\": \"v1\"").replace("{\"type\"", "{\"x\\u0000\": 1, \"type\""),
                        ""),
                Arguments.of(
                        "a duplicated key", visitor("\"short_id\": \"v1\", \"k\\u0000\": 1, \"k\\u0000\": 2"), ""));
    }

    /** The errors are echoed in the problem response and kept with the rejected request in PostgreSQL. */
    @ParameterizedTest(name = "U+0000 in {0}")
    @MethodSource("nulInKeys")
    void nulCharacterInAKeyIsRejectedWithErrorsThatThemselvesHoldNoNul(String where, String body, String under) {
        EventParser.Result result = parse(body);
        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.pointer()).startsWith(under).doesNotContain("\u0000");
            assertThat(e.detail()).doesNotContain("\u0000");
        });
    }

    @Test
    void visitorKeyHintOfARejectedBodyHoldsNoNul() {
        // the hint is stored as text next to the rejected request
        String hint = EventParser.visitorKeyHint(utf8(visitor("\"short_id\": \"v\\u00001\"")));
        assertThat(hint)
                .satisfiesAnyOf(h -> assertThat(h).isNull(), h -> assertThat(h).doesNotContain("\u0000"));
    }

    @Test
    void visitorKeyHintNamesTheVisitorOfABodyThatFailsValidation() {
        assertThat(EventParser.visitorKeyHint(utf8(visitor("\"short_id\": \"k7Qm2Xp9\", \"is_online\": \"true\""))))
                .isEqualTo("k7Qm2Xp9");
        assertThat(EventParser.visitorKeyHint(utf8(session("session.ended", "\"call_length_seconds\": 1.5"))))
                .isEqualTo("v1");
        assertThat(EventParser.visitorKeyHint(utf8("not json"))).isNull();
    }

    @Test
    void parsingIsAPureFunctionOfTheBytes() {
        byte[] body = utf8(visitor("\"is_online\": \"true\""));
        assertThat(EventParser.parse(body).errors())
                .isEqualTo(EventParser.parse(body).errors());
    }

    static Stream<Arguments> unknownTypes() {
        return Stream.of(
                Arguments.of("visitor.merged", "{}"),
                Arguments.of(
                        "session.transferred", "{\"id\": 5, \"visitor_id\": [\"k7Qm2Xp9\"], \"x\": {\"y\": null}}"),
                Arguments.of("agent.created", "{\"short_id\": 42, \"nested\": [1, 2.5, true, null, {\"a\": \"b\"}]}"),
                Arguments.of("Visitor.Updated", "{\"short_id\": \"k7Qm2Xp9\", \"is_online\": \"true\"}"),
                Arguments.of("session.state.v2", "{\"connections\": \"none\"}"));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("unknownTypes")
    void unknownTypeParsesAsUnhandledWithAnyObjectData(String type, String data) {
        EventParser.Result result = parse("{\"type\": \"" + type + "\", " + TS + ", \"data\": " + data + "}");
        assertThat(result.errors()).isEmpty();
        assertThat(result.event().type()).isEqualTo(type);
        assertThat(result.event().knownType()).isEmpty();
        assertThat(result.event().data()).isInstanceOf(UnhandledData.class);
        assertThat(result.event().timestamp()).isEqualTo(Instant.parse("2026-11-24T09:10:00Z"));
    }

    @Test
    void unhandledEventRemembersItsVisitorWhenItNamesOne() {
        EventParser.Result result =
                parse("{\"type\": \"visitor.merged\", " + TS + ", \"data\": {\"short_id\": \"k7Qm2Xp9\"}}");
        assertThat(result.event().data().visitorKey()).isEqualTo("k7Qm2Xp9");
    }

    static Stream<Arguments> datetimes() {
        return Stream.of(
                Arguments.of("2026-11-24T10:04:59+01:00", "2026-11-24T09:04:59Z"),
                Arguments.of("2026-11-24T04:04:59-05:00", "2026-11-24T09:04:59Z"),
                Arguments.of("2026-11-25T00:34:59+15:30", "2026-11-24T09:04:59Z"),
                Arguments.of("2026-11-24T09:04:59Z", "2026-11-24T09:04:59Z"),
                Arguments.of("2026-11-24T09:04:59+00:00", "2026-11-24T09:04:59Z"),
                Arguments.of("2026-11-24T09:04:59.123Z", "2026-11-24T09:04:59.123Z"),
                Arguments.of("2026-11-24T14:34:59.5+05:30", "2026-11-24T09:04:59.500Z"),
                Arguments.of("2026-11-24T00:30:00-09:00", "2026-11-24T09:30:00Z"),
                // to the microsecond, as PostgreSQL keeps them: further digits dropped, not rounded
                Arguments.of("2026-11-24T09:04:59.1234567Z", "2026-11-24T09:04:59.123456Z"),
                Arguments.of("2026-11-24T14:34:59.0000009+05:30", "2026-11-24T09:04:59Z"),
                Arguments.of("9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.999999Z"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("datetimes")
    void datetimesWithOffsetsAreConvertedToUtcInstants(String sent, String utc) {
        Instant expected = Instant.parse(utc);
        String body =
                "{\"type\": \"visitor.updated\", \"timestamp\": \"" + sent + "\", \"data\": {\"short_id\": \"v1\","
                        + " \"added_at\": \"" + sent + "\", \"last_seen_at\": \"" + sent + "\"}}";
        EventParser.Result result = parse(body);
        assertThat(result.errors()).isEmpty();
        assertThat(result.event().timestamp()).isEqualTo(expected);
        VisitorData d = (VisitorData) result.event().data();
        assertThat(d.addedAt()).isEqualTo(expected);
        assertThat(d.lastSeenAt()).isEqualTo(expected);
    }

    @Test
    void connectionDatetimesWithOffsetsAreConvertedToUtcInstants() {
        String body = state("["
                + connection(
                        "\"activeSince\": \"2026-11-24T09:10:02Z\"",
                        "\"activeSince\": \"2026-11-24T10:10:02+01:00\", \"lastFocusAt\": \"2026-11-24T04:12:29-05:00\"")
                + "]");
        EventParser.Result result = parse(body);
        assertThat(result.errors()).isEmpty();
        InboundData.ConnectionData c =
                ((SessionStateData) result.event().data()).connections().get(0);
        assertThat(c.activeSince()).isEqualTo(Instant.parse("2026-11-24T09:10:02Z"));
        assertThat(c.lastFocusAt()).isEqualTo(Instant.parse("2026-11-24T09:12:29Z"));
    }

    @Test
    void nullsAndMissingOptionalFieldsAreAccepted() {
        EventParser.Result visitor = parse(visitor("\"short_id\": \"v1\", \"email\": null, \"identities\": null,"
                + " \"added_at\": null, \"is_online\": null"));
        assertThat(visitor.errors()).isEmpty();
        EventParser.Result session = parse(session("session.started", "\"agents\": null, \"metadata\": null"));
        assertThat(session.errors()).isEmpty();
        EventParser.Result state = parse(state("[]"));
        assertThat(state.errors()).isEmpty();
        assertThat(((SessionStateData) state.event().data()).connections()).isEmpty();
    }

    @Test
    void wholeNumberWrittenWithAFractionIsAcceptedAsAnInteger() {
        EventParser.Result result = parse(session("session.ended", "\"call_length_seconds\": 95.0"));
        assertThat(result.errors()).isEmpty();
        assertThat(((SessionData) result.event().data()).callLengthSeconds()).isEqualTo(95);
    }

    @Test
    void trailingWhitespaceAfterTheObjectIsAccepted() {
        assertThat(parse(visitor("\"short_id\": \"v1\"") + " \r\n\t ").errors()).isEmpty();
    }

    @Test
    void metadataKeysAndValuesAreKeptAsSent() {
        EventParser.Result result = parse(session(
                "session.started",
                "\"metadata\": {\"camelCase\": 1, \"visitor_plan\": \"trial\", \"a/b~c\": {\"Nested Key\": [true]}}"));
        var metadata = ((SessionData) result.event().data()).metadata();
        assertThat(metadata.fieldNames()).toIterable().containsExactly("camelCase", "visitor_plan", "a/b~c");
        assertThat(metadata.get("a/b~c").get("Nested Key").get(0).booleanValue())
                .isTrue();
    }
}
