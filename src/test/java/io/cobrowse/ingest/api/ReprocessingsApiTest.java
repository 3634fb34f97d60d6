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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Reprocessing over HTTP: webhooks of known types that a build which did not know them stored as unhandled
 * (written here the way it wrote them) are applied as if they had just arrived, in envelope order; those
 * whose body is gone or no longer valid stay unhandled and are counted.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class ReprocessingsApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void withoutAKeyItIs401AndWithoutTheReplayRoleItIs403() {
        given().contentType("application/json")
                .body("{}")
                .post("/api/v1/reprocessings")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        OperatorApi.as(OperatorApi.READ_ONLY)
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/reprocessings")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/reprocessings/" + UUID.randomUUID())
                .then()
                .statusCode(403);
    }

    @Test
    void anUnknownTypeIs400AndAnUnknownJobIs404() {
        OperatorApi.as(OperatorApi.REPLAY_ONLY)
                .contentType("application/json")
                .body("{\"types\": [\"visitor.teleported\"]}")
                .post("/api/v1/reprocessings")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.pointer", hasItem("/types/0"));
        OperatorApi.as(OperatorApi.REPLAY_ONLY)
                .get("/api/v1/reprocessings/" + UUID.randomUUID())
                .then()
                .statusCode(404);
    }

    @Test
    void unhandledWebhooksOfKnownTypesAreAppliedInEnvelopeOrderAndPublished() throws InterruptedException {
        Db db = new Db(dataSource);
        String visitor = "rs" + UUID.randomUUID().toString().substring(0, 8);
        String started = Webhooks.newId();
        String ended = Webhooks.newId();
        String bodyGone = Webhooks.newId();
        String noLongerValid = Webhooks.newId();
        String unknownType = Webhooks.newId();
        // stored in another order than their envelopes': the ended session arrived first
        storeUnhandled(
                db, ended, "session.ended", ReplaysApiTest.event("session.ended", visitor, "2026-11-24T13:05:00Z"));
        storeUnhandled(
                db,
                started,
                "session.started",
                ReplaysApiTest.event("session.started", visitor, "2026-11-24T13:00:00Z"));
        storeUnhandled(
                db,
                bodyGone,
                "visitor.updated",
                ReplaysApiTest.event("visitor.updated", visitor, "2026-11-24T13:01:00Z"));
        db.rows("UPDATE inbox_event SET raw_body = NULL WHERE webhook_id = ? RETURNING 1", bodyGone);
        storeUnhandled(
                db,
                noLongerValid,
                "visitor.updated",
                ReplaysApiTest.event("visitor.updated", visitor, "2026-11-24T13:02:00Z")
                        .replace("\"is_online\": true", "\"is_online\": \"yes\""));
        storeUnhandled(
                db,
                unknownType,
                "visitor.teleported",
                Webhooks.envelope("visitor.teleported", "2026-11-24T13:03:00Z", "{\"short_id\":\"" + visitor + "\"}"));

        JsonPath job = reprocess("{\"types\": [\"session.started\", \"session.ended\", \"visitor.updated\"]}");

        assertThat(job.getString("status")).isEqualTo("done");
        assertThat(job.getLong("webhooks_total")).isEqualTo(4);
        assertThat(job.getLong("webhooks_done")).isEqualTo(4);
        assertThat(job.getLong("webhooks_left_unhandled")).isEqualTo(2);
        assertThat(status(db, started)).isEqualTo("applied");
        assertThat(status(db, ended)).isEqualTo("applied");
        assertThat(status(db, bodyGone)).isEqualTo("unhandled");
        assertThat(status(db, noLongerValid)).isEqualTo("unhandled");
        assertThat(status(db, unknownType)).isEqualTo("unhandled");
        assertThat(db.rows("SELECT visitor_id, ended_at IS NOT NULL FROM session WHERE id = ?", "ses_" + visitor))
                .containsExactly(List.of(visitor, true));
        List<ConsumerRecord<String, String>> records = KafkaRecords.readKey(
                List.of("cobrowse.sessions.v1"), visitor, rs -> rs.size() >= 2, Duration.ofSeconds(30));
        assertThat(records.stream().map(r -> KafkaRecords.header(r, "ce_id"))).containsExactly(started, ended);
        assertThat(records.stream().map(r -> KafkaRecords.header(r, "ce_type")))
                .containsExactly("cobrowse.session.started", "cobrowse.session.ended");
        // the same delivery again is what it would have been had this build received it first
        Webhooks.send(started, ReplaysApiTest.event("session.started", visitor, "2026-11-24T13:00:00Z"))
                .then()
                .statusCode(200)
                .body("status", equalTo("duplicate"));

        // with no types named, every type of the catalog: what is left are the two it cannot apply
        JsonPath all = reprocess("");
        assertThat(all.getString("status")).isEqualTo("done");
        assertThat(all.getLong("webhooks_total")).isGreaterThanOrEqualTo(2);
        assertThat(all.getLong("webhooks_left_unhandled")).isEqualTo(all.getLong("webhooks_total"));
        assertThat(status(db, noLongerValid)).isEqualTo("unhandled");
    }

    private static JsonPath reprocess(String body) throws InterruptedException {
        Response started = OperatorApi.as(OperatorApi.REPLAY_ONLY)
                .contentType("application/json")
                .body(body)
                .post("/api/v1/reprocessings");
        started.then().statusCode(202).body("status", equalTo("running"));
        String id = started.jsonPath().getString("id");
        assertThat(started.header("Location")).isEqualTo("/api/v1/reprocessings/" + id);
        return Jobs.awaitFinished("/api/v1/reprocessings/" + id, Duration.ofSeconds(60));
    }

    /**
     * The inbox row a build that did not know the type wrote: status unhandled, the visitor read from the
     * data's short_id or visitor_id, the raw body and its digest, nothing else.
     */
    private static void storeUnhandled(Db db, String webhookId, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String visitor = body.replaceFirst("(?s).*\"(?:short_id|visitor_id)\":\\s*\"([^\"]+)\".*", "$1");
        String timestamp = body.replaceFirst("(?s).*?\"timestamp\":\\s*\"([^\"]+)\".*", "$1");
        db.rows("""
                INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256, raw_body,
                                         status, visitor_key)
                VALUES (?, ?, ?::timestamptz, now() - interval '1 minute', ?, ?, 'unhandled', ?) RETURNING 1""", webhookId, type, timestamp, sha256(bytes), bytes, visitor);
    }

    private static String status(Db db, String webhookId) {
        return (String) db.one("SELECT status FROM inbox_event WHERE webhook_id = ?", webhookId);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
