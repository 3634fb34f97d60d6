package io.cobrowse.ingest.api;

import static io.cobrowse.ingest.api.ApiSamples.VISITORS;
import static io.cobrowse.ingest.api.ApiSamples.send;
import static io.cobrowse.ingest.api.ApiSamples.session;
import static io.cobrowse.ingest.api.ApiSamples.tag;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.OperatorApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DELETE /api/v1/visitors/{short_id}: the erasure of a visitor.deleted webhook, on an operator's request. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class VisitorErasureApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void erasingNeedsAKeyWithTheEraseRole() {
        Db db = new Db(dataSource);
        String visitor = "xa" + tag();
        given().delete("/api/v1/visitors/" + visitor)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        OperatorApi.as("not-a-key-of-this-service-0000000000000")
                .delete("/api/v1/visitors/" + visitor)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        for (String key : List.of(OperatorApi.READ_ONLY, OperatorApi.REPLAY_ONLY)) {
            OperatorApi.as(key)
                    .delete("/api/v1/visitors/" + visitor)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
        assertThat(db.count("SELECT count(*) FROM visitor WHERE short_id = ?", visitor))
                .isZero();
    }

    @Test
    void anErasureIsAcceptedAfterItsCommitAndItsTombstoneCarriesItsId() {
        Db db = new Db(dataSource);
        String visitor = "xe" + tag();
        String email = visitor + "@example.com";
        String update =
                send(ApiSamples.visitor(visitor, "2026-11-24T10:00:00Z").replace("ada.lovelace@example.com", email));
        send(session("session.started", "ses_" + visitor, visitor, "2026-11-24T10:05:00Z")
                .replace("ada.lovelace@example.com", email));

        Response erased = OperatorApi.as(OperatorApi.ERASE_ONLY).delete("/api/v1/visitors/" + visitor);

        erased.then()
                .statusCode(202)
                .contentType("application/json")
                .body("status", equalTo("accepted"))
                .body("id", matchesPattern("op_[0-9a-f-]{36}"));
        String id = erased.path("id");
        assertThat(erased.header("Location")).endsWith("/api/v1/webhooks/" + id);
        // committed before the answer: what follows sees it at once
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/visitors/" + visitor)
                .then()
                .statusCode(404);
        assertThat(db.rows(
                        "SELECT email, lookup_code, erased_at IS NOT NULL, api_key FROM visitor WHERE short_id = ?",
                        visitor))
                .containsExactly(java.util.Arrays.asList(null, null, true, "pk_live_3b1f"));
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/sessions/ses_" + visitor)
                .then()
                .statusCode(200)
                .body("visitor_email", equalTo(null));
        assertThat(db.occurrences(email)).isEmpty();
        // the erasure is a webhook like any other
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/webhooks/" + id)
                .then()
                .statusCode(200)
                .body("type", equalTo("visitor.deleted"))
                .body("status", equalTo("applied"))
                .body("visitor_id", equalTo(visitor));
        List<ConsumerRecord<String, String>> records = KafkaRecords.readKey(
                List.of(VISITORS),
                visitor,
                seen -> KafkaRecords.distinctIds(seen).contains(id),
                Duration.ofSeconds(30));
        assertThat(KafkaRecords.distinctIds(records)).containsExactly(update, id);
        ConsumerRecord<String, String> tombstone = records.get(records.size() - 1);
        assertThat(tombstone.value()).isNull();
        assertThat(KafkaRecords.header(tombstone, "ce_id")).isEqualTo(id);
        assertThat(KafkaRecords.header(tombstone, "ce_type")).isEqualTo("cobrowse.visitor.deleted");
    }

    @Test
    void erasingAnUnknownVisitorIsAcceptedAndRememberedForOlderEvents() {
        Db db = new Db(dataSource);
        String visitor = "xu" + tag();

        OperatorApi.as(OperatorApi.OPERATOR)
                .delete("/api/v1/visitors/" + visitor)
                .then()
                .statusCode(202)
                .body("id", startsWith("op_"));

        // the erasure's time is its receipt: an event from before it stays erased, a newer one is new data
        String older = send(ApiSamples.visitor(visitor, "2026-01-01T00:00:00Z"));
        assertThat(db.one("SELECT status FROM inbox_event WHERE webhook_id = ?", older))
                .isEqualTo("stale");
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/visitors/" + visitor)
                .then()
                .statusCode(404);
        send(ApiSamples.visitor(visitor, "2999-01-01T00:00:00Z"));
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/visitors/" + visitor)
                .then()
                .statusCode(200)
                .body("short_id", equalTo(visitor));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%20", "%00", "LONG"})
    void aShortIdAWebhookCouldNotCarryIs400(String shortId) {
        Db db = new Db(dataSource);
        String before = db.snapshot();
        OperatorApi.as(OperatorApi.ERASE_ONLY)
                .urlEncodingEnabled(false)
                .delete("/api/v1/visitors/" + (shortId.equals("LONG") ? "x".repeat(513) : shortId))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("short_id:"));
        assertThat(db.snapshot()).isEqualTo(before);
    }
}
