package io.cobrowse.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.Jobs;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.OperatorApi;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays over HTTP against the real PostgreSQL and Kafka: who may start and follow them, what a bad request
 * gets, and what a consumer of the topics sees: each key's records again in their original order, with their
 * original ce_id and headers, then the key's latest record; nothing personal of a visitor erased since.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class ReplaysApiTest {

    private static final String VISITORS = "cobrowse.visitors.v1";
    private static final String SESSIONS = "cobrowse.sessions.v1";
    private static final String VALID = "{\"from\": \"2026-11-24T00:00:00Z\", \"to\": \"2026-11-25T00:00:00Z\"}";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void withoutAKeyItIs401AndWithoutTheReplayRoleItIs403() {
        given().contentType("application/json")
                .body(VALID)
                .post("/api/v1/replays")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        given().get("/api/v1/replays/" + UUID.randomUUID()).then().statusCode(401);
        for (String key : List.of(OperatorApi.READ_ONLY, OperatorApi.ERASE_ONLY)) {
            OperatorApi.as(key)
                    .contentType("application/json")
                    .body(VALID)
                    .post("/api/v1/replays")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            OperatorApi.as(key)
                    .get("/api/v1/replays/" + UUID.randomUUID())
                    .then()
                    .statusCode(403);
        }
    }

    @Test
    void anUnknownReplayIs404() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid")) {
            OperatorApi.as(OperatorApi.REPLAY_ONLY)
                    .get("/api/v1/replays/" + id)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no from | {\"to\": \"2026-11-25T00:00:00Z\"} | /from",
                "no to | {\"from\": \"2026-11-24T00:00:00Z\"} | /to",
                "from not a datetime | {\"from\": \"yesterday\", \"to\": \"2026-11-25T00:00:00Z\"} | /from",
                "from without an offset | {\"from\": \"2026-11-24T00:00:00\", \"to\": \"2026-11-25T00:00:00Z\"} | /from",
                "to a number | {\"from\": \"2026-11-24T00:00:00Z\", \"to\": 1795600000} | /to",
                "from after to | {\"from\": \"2026-11-25T00:00:00Z\", \"to\": \"2026-11-24T00:00:00Z\"} | /to",
                "from equal to to | {\"from\": \"2026-11-24T00:00:00Z\", \"to\": \"2026-11-24T01:00:00+01:00\"} | /to",
                "an unknown type | {\"from\": \"2026-11-24T00:00:00Z\", \"to\": \"2026-11-25T00:00:00Z\", \"types\": [\"visitor.updated\", \"visitor.teleported\"]} | /types/1",
                "types not an array | {\"from\": \"2026-11-24T00:00:00Z\", \"to\": \"2026-11-25T00:00:00Z\", \"types\": \"visitor.updated\"} | /types",
                "no types | {\"from\": \"2026-11-24T00:00:00Z\", \"to\": \"2026-11-25T00:00:00Z\", \"types\": []} | /types",
                "visitor a number | {\"from\": \"2026-11-24T00:00:00Z\", \"to\": \"2026-11-25T00:00:00Z\", \"visitor_id\": 42} | /visitor_id",
                "visitor blank | {\"from\": \"2026-11-24T00:00:00Z\", \"to\": \"2026-11-25T00:00:00Z\", \"visitor_id\": \" \"} | /visitor_id",
                "visitor with U+0000 | {\"from\": \"2026-11-24T00:00:00Z\", \"to\": \"2026-11-25T00:00:00Z\", \"visitor_id\": \"a\\u0000b\"} | /visitor_id",
                "visitor with a lone surrogate | {\"from\": \"2026-11-24T00:00:00Z\", \"to\": \"2026-11-25T00:00:00Z\", \"visitor_id\": \"a\\ud800\"} | /visitor_id",
                "an unknown field | {\"from\": \"2026-11-24T00:00:00Z\", \"to\": \"2026-11-25T00:00:00Z\", \"visitorId\": \"k7\"} | /visitorId",
                "not JSON | {\"from\": | ''",
                "not an object | [] | ''",
            })
    void aBadRequestIs400NamingTheField(String name, String body, String pointer) {
        OperatorApi.as(OperatorApi.REPLAY_ONLY)
                .contentType("application/json")
                .body(body)
                .post("/api/v1/replays")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.pointer", hasItem(pointer));
    }

    @Test
    void aTooLongVisitorIdIs400() {
        OperatorApi.as(OperatorApi.REPLAY_ONLY)
                .contentType("application/json")
                .body("{\"from\": \"2026-11-24T00:00:00Z\", \"to\": \"2026-11-25T00:00:00Z\", \"visitor_id\": \""
                        + "x".repeat(513) + "\"}")
                .post("/api/v1/replays")
                .then()
                .statusCode(400)
                .body("errors.pointer", hasItem("/visitor_id"));
    }

    @Test
    void aReplayKeepsEachKeysOrderAndEndsItOnItsLatestRecord() throws InterruptedException {
        Db db = new Db(dataSource);
        String visitor = "rp" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = sendAll(
                visitor,
                List.of(
                        "visitor.updated|2026-11-24T10:00:00Z",
                        "session.started|2026-11-24T10:01:00Z",
                        "visitor.updated|2026-11-24T10:02:00Z",
                        "session.state|2026-11-24T10:03:00Z",
                        "visitor.updated|2026-11-24T10:04:00Z",
                        "session.ended|2026-11-24T10:05:00Z"));
        // another visitor's webhook in the window: not asked for
        sendAll("rq" + visitor.substring(2), List.of("visitor.updated|2026-11-24T10:00:30Z"));
        Jobs.awaitPublished(db, ids);

        // the window ends before the fifth webhook: the latest records of both keys lie outside it
        JsonPath job = replay(receivedAt(db, ids.get(0)), receivedAt(db, ids.get(4)), visitor, null);

        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getLong("records_total")).isEqualTo(6);
        assertThat(job.getLong("records_published")).isEqualTo(6);
        Map<String, List<ConsumerRecord<String, String>>> topics = read(visitor, 6, 6);
        List<ConsumerRecord<String, String>> visitors = topics.get(VISITORS);
        List<ConsumerRecord<String, String>> sessions = topics.get(SESSIONS);
        assertThat(ceIds(visitors))
                .containsExactly(ids.get(0), ids.get(2), ids.get(4), ids.get(0), ids.get(2), ids.get(4));
        assertThat(ceIds(sessions))
                .containsExactly(ids.get(1), ids.get(3), ids.get(5), ids.get(1), ids.get(3), ids.get(5));
        for (List<ConsumerRecord<String, String>> records : List.of(visitors, sessions)) {
            for (int i = 0; i < 3; i++) {
                assertSameRecord(records.get(i + 3), records.get(i));
            }
        }
    }

    @Test
    void aReplayOfSomeTypesCopiesOnlyThoseAndTheLatestRecord() throws InterruptedException {
        Db db = new Db(dataSource);
        String visitor = "rt" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = sendAll(
                visitor,
                List.of(
                        "session.started|2026-11-24T11:00:00Z",
                        "session.state|2026-11-24T11:01:00Z",
                        "session.ended|2026-11-24T11:02:00Z"));
        Jobs.awaitPublished(db, ids);

        JsonPath job = replay(receivedAt(db, ids.get(0)), receivedAt(db, ids.get(2)), visitor, "session.state");

        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getLong("records_total")).isEqualTo(2);
        assertThat(ceIds(read(visitor, 0, 5).get(SESSIONS)))
                .containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(1), ids.get(2));
    }

    @Test
    void aWebhookAtTheLastMicrosecondOfTheYear9999StaysInItsYearAndIsReplayed() throws InterruptedException {
        Db db = new Db(dataSource);
        String visitor = "ry" + UUID.randomUUID().toString().substring(0, 8);
        // the digit beyond the microsecond, rounded, would have carried it into the year 10000
        List<String> ids = sendAll(visitor, List.of("visitor.updated|9999-12-31T23:59:59.9999999Z"));
        Jobs.awaitPublished(db, ids);
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/webhooks/" + ids.get(0))
                .then()
                .statusCode(200)
                .body("timestamp", equalTo("9999-12-31T23:59:59.999999Z"));

        String at = receivedAt(db, ids.get(0));
        JsonPath job = replay(at, Instant.parse(at).plusSeconds(1).toString(), visitor, null);

        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getLong("records_total")).isPositive();
    }

    @Test
    void aReplayOfAVisitorErasedSinceCarriesNoPersonalDataAndEndsOnTheTombstone() throws InterruptedException {
        Db db = new Db(dataSource);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String visitor = "re" + tag;
        String email = "replay." + tag + "@example.com";
        List<String> ids = new ArrayList<>();
        for (String type : List.of("visitor.updated", "session.started")) {
            String id = Webhooks.newId();
            Webhooks.send(
                            id,
                            event(
                                            type,
                                            visitor,
                                            type.startsWith("visitor")
                                                    ? "2026-11-24T12:00:00Z"
                                                    : "2026-11-24T12:01:00Z")
                                    .replace("ada.lovelace@example.com", email))
                    .then()
                    .statusCode(202);
            ids.add(id);
        }
        Jobs.awaitPublished(db, ids);
        List<List<Object>> published = db.rows(
                "SELECT id, payload FROM outbox_event WHERE webhook_id = ANY (?)", (Object) ids.toArray(String[]::new));
        String erasure = Webhooks.newId();
        Webhooks.send(
                        erasure,
                        Webhooks.envelope(
                                "visitor.deleted", "2026-11-24T12:10:00Z", "{\"short_id\":\"" + visitor + "\"}"))
                .then()
                .statusCode(202);
        Jobs.awaitPublished(db, List.of(erasure));
        // as if the clean-up after the erasure had not reached the published rows yet
        for (List<Object> row : published) {
            db.rows("UPDATE outbox_event SET payload = ? WHERE id = ? RETURNING id", row.get(1), row.get(0));
        }
        assertThat(db.count(
                        "SELECT count(*) FROM outbox_event WHERE visitor_key = ? AND payload LIKE ?",
                        visitor,
                        "%" + email + "%"))
                .isEqualTo(2);

        JsonPath job = replay(receivedAt(db, ids.get(0)), receivedAt(db, erasure), visitor, null);

        assertThat(job.getString("status")).isEqualTo("done");
        // both records, then the visitor's tombstone; the session's latest record is its last copy already
        assertThat(job.getLong("records_total")).isEqualTo(3);
        assertThat(db.count(
                        "SELECT count(*) FROM outbox_event WHERE replay_id = ?::uuid AND payload LIKE ?",
                        job.getString("id"),
                        "%" + email + "%"))
                .isZero();
        Map<String, List<ConsumerRecord<String, String>>> topics = read(visitor, 4, 2);
        List<ConsumerRecord<String, String>> visitors = topics.get(VISITORS);
        assertThat(ceIds(visitors)).containsExactly(ids.get(0), erasure, ids.get(0), erasure);
        assertThat(visitors.get(2).value())
                .contains("\"short_id\":\"" + visitor + "\"")
                .doesNotContain(email);
        assertThat(visitors.get(3).value()).isNull();
        List<ConsumerRecord<String, String>> sessions = topics.get(SESSIONS);
        assertThat(ceIds(sessions)).containsExactly(ids.get(1), ids.get(1));
        assertThat(sessions.get(1).value()).contains("\"visitor_email\":null").doesNotContain(email);
    }

    /** Starts a replay, checks the answer, and waits for it to finish. */
    private static JsonPath replay(String from, String to, String visitor, String type) throws InterruptedException {
        String body = "{\"from\": \"" + from + "\", \"to\": \"" + to + "\", \"visitor_id\": \"" + visitor + "\""
                + (type == null ? "" : ", \"types\": [\"" + type + "\"]") + "}";
        Response started = OperatorApi.as(OperatorApi.REPLAY_ONLY)
                .contentType("application/json")
                .body(body)
                .post("/api/v1/replays");
        started.then().statusCode(202).body("status", equalTo("running"));
        String id = started.jsonPath().getString("id");
        assertThat(started.header("Location")).isEqualTo("/api/v1/replays/" + id);
        return Jobs.awaitFinished("/api/v1/replays/" + id, Duration.ofSeconds(60));
    }

    /** Sends "type|timestamp" events of the visitor (and one session of theirs), in order. */
    private static List<String> sendAll(String visitor, List<String> events) {
        List<String> ids = new ArrayList<>();
        for (String e : events) {
            String[] typeAndTime = e.split("\\|");
            String id = Webhooks.newId();
            Webhooks.send(id, event(typeAndTime[0], visitor, typeAndTime[1]))
                    .then()
                    .statusCode(202);
            ids.add(id);
        }
        return ids;
    }

    static String event(String type, String visitor, String timestamp) {
        return Webhooks.sample(type)
                .replace("k7Qm2Xp9", visitor)
                .replace("ses_9f2c41", "ses_" + visitor)
                .replaceFirst("\"timestamp\": \"[^\"]+\"", "\"timestamp\": \"" + timestamp + "\"");
    }

    private static String receivedAt(Db db, String webhookId) {
        return ((Timestamp) db.one("SELECT received_at FROM inbox_event WHERE webhook_id = ?", webhookId))
                .toInstant()
                .toString();
    }

    /** The visitor's records on both topics, once there are at least the given numbers. */
    private static Map<String, List<ConsumerRecord<String, String>>> read(String key, int visitors, int sessions) {
        long[] enoughSince = {0};
        // reads on for a second once there are enough: a record too many would show
        Predicate<List<ConsumerRecord<String, String>>> done = rs -> {
            if (onTopic(rs, VISITORS).size() < visitors || onTopic(rs, SESSIONS).size() < sessions) {
                return false;
            }
            enoughSince[0] = enoughSince[0] == 0 ? System.nanoTime() : enoughSince[0];
            return System.nanoTime() - enoughSince[0] > Duration.ofSeconds(1).toNanos();
        };
        List<ConsumerRecord<String, String>> all =
                KafkaRecords.readKey(List.of(VISITORS, SESSIONS), key, done, Duration.ofSeconds(30));
        return Map.of(VISITORS, onTopic(all, VISITORS), SESSIONS, onTopic(all, SESSIONS));
    }

    private static List<ConsumerRecord<String, String>> onTopic(
            List<ConsumerRecord<String, String>> records, String topic) {
        return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    private static List<String> ceIds(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> KafkaRecords.header(r, "ce_id")).toList();
    }

    private static void assertSameRecord(ConsumerRecord<String, String> copy, ConsumerRecord<String, String> original) {
        assertThat(copy.key()).isEqualTo(original.key());
        assertThat(copy.value()).isEqualTo(original.value());
        for (String header :
                List.of("ce_id", "ce_specversion", "ce_source", "ce_type", "ce_subject", "ce_time", "content-type")) {
            assertThat(KafkaRecords.header(copy, header)).as(header).isEqualTo(KafkaRecords.header(original, header));
        }
    }
}
