package io.cobrowse.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowse.ingest.event.EventParser;
import io.cobrowse.ingest.event.InboundData;
import io.cobrowse.ingest.event.InboundData.AgentData;
import io.cobrowse.ingest.event.InboundData.SessionData;
import io.cobrowse.ingest.event.InboundData.SessionStateData;
import io.cobrowse.ingest.event.InboundData.VisitorData;
import io.cobrowse.ingest.event.InboundData.VisitorDeleted;
import io.cobrowse.ingest.event.Normalization;
import io.cobrowse.ingest.event.OutboundJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each sample, applied as the first event of its visitor or session, gives the normalized value that
 * goes to Kafka, as pinned by its golden file.
 */
public class NormalizedFormGoldenTest {

    public static final List<String> SAMPLES =
            List.of("visitor.updated", "visitor.deleted", "session.started", "session.ended", "session.state");

    // big decimals, so that no number is rounded on the way to the comparison
    static final ObjectMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public static byte[] resource(String path) {
        try (InputStream in = NormalizedFormGoldenTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(byte[] bytes) {
        try {
            return READER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode golden(String sample) {
        return json(resource("/golden/" + sample + ".json"));
    }

    static InboundData data(byte[] body) {
        EventParser.Result result = EventParser.parse(body);
        assertThat(result.errors()).as("parse errors").isEmpty();
        return result.event().data();
    }

    static InboundData sampleData(String sample) {
        return data(resource("/samples/" + sample + ".json"));
    }

    /** The visitor as the first snapshot leaves it. */
    static Visitor visitor(VisitorData d) {
        Visitor v = new Visitor(d.shortId());
        VisitorMapping.apply(d, v);
        return v;
    }

    /** The session as the first snapshot leaves it, agents filled in as the store does (last entry of an id wins). */
    static Session session(SessionData d) {
        Session s = new Session(d.id(), d.visitorId());
        SessionMapping.apply(d, s);
        applyAgents(d, s);
        return s;
    }

    static void applyAgents(SessionData d, Session s) {
        s.agents.clear();
        if (d.agents() == null) {
            return;
        }
        Map<String, Agent> byId = new LinkedHashMap<>();
        for (AgentData a : d.agents()) {
            Agent agent = byId.computeIfAbsent(a.id(), id -> new Agent());
            agent.id = a.id();
            agent.agentNickname = a.agentNickname();
            agent.name = a.name();
            agent.email = a.email();
            agent.externalId = a.externalId();
            agent.onPremise = a.onPremise();
            agent.kind = Normalization.agentKind(a.id());
        }
        s.agents.addAll(byId.values());
    }

    static Session sessionFromState(SessionStateData d) {
        Session s = new Session(d.sessionId(), d.visitorId());
        SessionMapping.applyConnections(d.connections(), s);
        return s;
    }

    static JsonNode written(Object normalized) {
        return json(OutboundJson.write(normalized).getBytes(StandardCharsets.UTF_8));
    }

    /** What the mapping sends to Kafka for a sample applied first (for visitor.deleted: the erased visitor). */
    public static JsonNode normalizedJson(String sample) {
        InboundData data = sampleData(sample);
        if (data instanceof VisitorDeleted deleted) {
            Visitor v = visitor((VisitorData) sampleData("visitor.updated"));
            assertThat(v.shortId).isEqualTo(deleted.shortId());
            VisitorMapping.erase(v);
            return written(VisitorMapping.normalized(v));
        }
        if (data instanceof VisitorData d) {
            return written(VisitorMapping.normalized(visitor(d)));
        }
        if (data instanceof SessionData d) {
            return written(SessionMapping.normalized(session(d)));
        }
        if (data instanceof SessionStateData d) {
            return written(SessionMapping.normalized(sessionFromState(d)));
        }
        throw new IllegalArgumentException("no mapping for " + sample);
    }

    /** Every difference, by JSON Pointer: a field missing, an extra field, or another value. */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare("", expected, actual, out);
        return out;
    }

    private static void compare(String at, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String child = at + "/" + name;
                if (!actual.has(name)) {
                    out.add(child + ": missing (expected " + expected.get(name) + ")");
                } else {
                    compare(child, expected.get(name), actual.get(name), out);
                }
            }
            for (Iterator<String> names = actual.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!expected.has(name)) {
                    out.add(at + "/" + name + ": unexpected field (value " + actual.get(name) + ")");
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                out.add(at + ": expected " + expected.size() + " items but was " + actual.size() + ": " + actual);
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(at + "/" + i, expected.get(i), actual.get(i), out);
            }
        } else if (expected.isNumber() && actual.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                out.add(at + ": expected " + expected + " but was " + actual);
            }
        } else if (!expected.equals(actual)) {
            out.add(at + ": expected " + expected + " but was " + actual);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"visitor.updated", "visitor.deleted", "session.started", "session.ended", "session.state"})
    void normalizedFormOfTheSampleMatchesItsGoldenFieldByField(String sample) {
        assertThat(differences(golden(sample), normalizedJson(sample))).isEmpty();
    }

    @Test
    void everySampleHasAGoldenFile() {
        assertThat(SAMPLES).allSatisfy(s -> assertThat(golden(s).isObject()).isTrue());
    }

    @Test
    void comparisonReportsMissingExtraAndChangedFields() {
        JsonNode expected = json("{\"a\": 1, \"b\": [\"x\"], \"c\": {\"d\": null}}".getBytes(StandardCharsets.UTF_8));
        JsonNode actual = json("{\"a\": 1.0, \"b\": [\"y\"], \"c\": {}, \"e\": 2}".getBytes(StandardCharsets.UTF_8));
        assertThat(differences(expected, actual))
                .containsExactlyInAnyOrder(
                        "/b/0: expected \"x\" but was \"y\"",
                        "/c/d: missing (expected null)",
                        "/e: unexpected field (value 2)");
    }

    @Test
    void visitorDatetimesWithOffsetsAreWrittenInUtcWithZ() {
        String body = "{\"type\": \"visitor.updated\", \"timestamp\": \"2026-11-24T10:04:59+01:00\", \"data\": {"
                + "\"short_id\": \"v1\", \"added_at\": \"2026-11-20T09:12:03+01:00\","
                + " \"last_seen_at\": \"2026-11-24T04:04:58.250-05:00\"}}";
        JsonNode out =
                written(VisitorMapping.normalized(visitor((VisitorData) data(body.getBytes(StandardCharsets.UTF_8)))));
        assertThat(out.get("added_at").asText()).isEqualTo("2026-11-20T08:12:03Z");
        assertThat(out.get("last_seen_at").asText()).isEqualTo("2026-11-24T09:04:58.250Z");
    }

    @Test
    void visitorSentWithOnlyItsIdHasEveryAttributePresent() {
        String body = "{\"type\": \"visitor.created\", \"timestamp\": \"2026-11-24T10:04:59Z\", \"data\": {"
                + "\"short_id\": \"v1\"}}";
        JsonNode out =
                written(VisitorMapping.normalized(visitor((VisitorData) data(body.getBytes(StandardCharsets.UTF_8)))));
        List<String> fields = new ArrayList<>();
        golden("visitor.updated").fieldNames().forEachRemaining(fields::add);
        assertThat(out.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(out.get("nickname").asText()).as("falls back to short_id").isEqualTo("v1");
        assertThat(out.get("identities").isArray()).isTrue();
        assertThat(out.get("email").isNull()).isTrue();
    }

    @Test
    void sessionStateAfterASnapshotReplacesOnlyTheConnections() {
        Session s = session((SessionData) sampleData("session.ended"));
        SessionStateData state = (SessionStateData) sampleData("session.state");
        SessionMapping.applyConnections(state.connections(), s);

        ObjectNode expected = (ObjectNode) golden("session.ended");
        expected.set("connections", golden("session.state").get("connections"));
        assertThat(differences(expected, written(SessionMapping.normalized(s)))).isEmpty();

        // a later snapshot does not touch the connections
        SessionMapping.apply((SessionData) sampleData("session.started"), s);
        applyAgents((SessionData) sampleData("session.started"), s);
        ObjectNode afterSnapshot = (ObjectNode) golden("session.started");
        afterSnapshot.set("connections", golden("session.state").get("connections"));
        assertThat(differences(afterSnapshot, written(SessionMapping.normalized(s))))
                .isEmpty();
    }

    @Test
    void metadataKeysAndValuesPassThroughUnchanged() {
        String metadata = "{\"camelCase\": \"kept\", \"visitor_plan\": \"trial\", \"Key With Spaces\": 1,"
                + " \"a/b~c\": {\"nestedCamel\": [true, null, 2.5]}, \"big\": 123456789012345678901234567890,"
                + " \"precise\": 3.14159265358979323846264338327950288}";
        String body = "{\"type\": \"session.updated\", \"timestamp\": \"2026-11-24T09:10:00Z\", \"data\": {"
                + "\"id\": \"ses_1\", \"visitor_id\": \"v1\", \"metadata\": " + metadata + "}}";
        JsonNode out =
                written(SessionMapping.normalized(session((SessionData) data(body.getBytes(StandardCharsets.UTF_8)))));
        assertThat(differences(json(metadata.getBytes(StandardCharsets.UTF_8)), out.get("metadata")))
                .isEmpty();
    }

    @Test
    void numberBeyondTheRangeOfADoubleStaysTheSameNumber() {
        String metadata = "{\"huge\": 1e400}";
        String body = "{\"type\": \"session.updated\", \"timestamp\": \"2026-11-24T09:10:00Z\", \"data\": {"
                + "\"id\": \"ses_1\", \"visitor_id\": \"v1\", \"metadata\": " + metadata + "}}";
        JsonNode out =
                written(SessionMapping.normalized(session((SessionData) data(body.getBytes(StandardCharsets.UTF_8)))));
        assertThat(differences(json(metadata.getBytes(StandardCharsets.UTF_8)), out.get("metadata")))
                .isEmpty();
    }

    @Test
    void expectedDisconnectNumbersPassThroughUnchanged() {
        String body = "{\"type\": \"session.state\", \"timestamp\": \"2026-11-24T09:10:00Z\", \"data\": {"
                + "\"session_id\": \"ses_1\", \"visitor_id\": \"v1\", \"connections\": [{\"uniqueConnectionId\": \"c-1\","
                + " \"expectedDisconnect\": {\"returnTimeSeconds\": 2.5, \"message\": null, \"title\": \"Back soon\","
                + " \"ts\": 9007199254740993}}]}}";
        JsonNode out = written(SessionMapping.normalized(
                sessionFromState((SessionStateData) data(body.getBytes(StandardCharsets.UTF_8)))));
        JsonNode expected = json(("{\"return_time_seconds\": 2.5, \"message\": null, \"title\": \"Back soon\","
                        + " \"ts\": 9007199254740993}")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(differences(expected, out.get("connections").get(0).get("expected_disconnect")))
                .isEmpty();
    }

    @Test
    void durationsSentAsFormattedAreKeptAndOtherwiseDerived() {
        String body = "{\"type\": \"session.ended\", \"timestamp\": \"2026-11-24T09:10:00Z\", \"data\": {"
                + "\"id\": \"ses_1\", \"visitor_id\": \"v1\", \"length_seconds\": 3723, \"call_length_seconds\": 70,"
                + " \"formatted_call_length\": \"01:11\"}}";
        JsonNode out =
                written(SessionMapping.normalized(session((SessionData) data(body.getBytes(StandardCharsets.UTF_8)))));
        assertThat(out.get("formatted_length").asText()).isEqualTo("1:02:03");
        assertThat(out.get("formatted_call_length").asText()).isEqualTo("01:11");
    }

    @Test
    void erasingTheVisitorRemovesItsPersonalDataFromTheSessionAndItsWrittenForm() {
        Session s = session((SessionData) sampleData("session.ended"));
        SessionMapping.applyConnections(((SessionStateData) sampleData("session.state")).connections(), s);
        String before = OutboundJson.write(SessionMapping.normalized(s));

        ObjectNode expected = (ObjectNode) golden("session.ended");
        expected.set("connections", golden("session.state").get("connections"));
        for (String field : List.of(
                "visitor_email",
                "visitor_ip_address",
                "visitor_unique_id",
                "start_url",
                "public_video_url",
                "secret_video_url")) {
            expected.putNull(field);
        }
        // section 4: the metadata keys prefixed visitor_ are nulled
        ((ObjectNode) expected.get("metadata")).putNull("visitor_plan");
        expected.get("connections").forEach(c -> ((ObjectNode) c).putNull("current_url"));

        SessionMapping.eraseVisitorData(s);
        List<String> entity = differences(expected, written(SessionMapping.normalized(s)));
        List<String> writtenForm =
                differences(expected, json(SessionMapping.erasedJson(before).getBytes(StandardCharsets.UTF_8)));
        org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(entity).as("entity erased").isEmpty();
            soft.assertThat(writtenForm).as("written form erased").isEmpty();
        });
    }
}
