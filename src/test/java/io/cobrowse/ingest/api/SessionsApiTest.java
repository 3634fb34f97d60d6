package io.cobrowse.ingest.api;

import static io.cobrowse.ingest.api.ApiSamples.SESSIONS;
import static io.cobrowse.ingest.api.ApiSamples.latestPayload;
import static io.cobrowse.ingest.api.ApiSamples.send;
import static io.cobrowse.ingest.api.ApiSamples.session;
import static io.cobrowse.ingest.api.ApiSamples.tag;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.OperatorApi;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A session as last published, also where the stored state alone would tell it otherwise. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class SessionsApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void readingASessionNeedsAKeyWithTheReadRole() {
        given().get("/api/v1/sessions/ses_x")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        OperatorApi.as("not-a-key-of-this-service-0000000000000")
                .get("/api/v1/sessions/ses_x")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        OperatorApi.as(OperatorApi.REPLAY_ONLY)
                .get("/api/v1/sessions/ses_x")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anUnknownSessionIs404() {
        get("ses_never_" + tag())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        get("nul\u0000").then().statusCode(404);
    }

    @Test
    void aSessionIsTheLastRecordPublishedForItByteForByte() {
        Db db = new Db(dataSource);
        String visitor = "sa" + tag();
        String id = "ses_" + visitor;
        send(session("session.started", id, visitor, "2026-11-24T09:10:00Z"));
        send(session("session.state", id, visitor, "2026-11-24T09:12:30Z"));
        String last = send(session("session.ended", id, visitor, "2026-11-24T09:21:10Z"));
        // older than the end: stale
        send(session("session.updated", id, visitor, "2026-11-24T09:15:00Z"));

        String body = get(id).then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString();

        assertThat(body).isEqualTo(latestPayload(db, SESSIONS, id));
        JsonPath json = JsonPath.from(body);
        assertThat(json.getString("ended_at")).isEqualTo("2026-11-24T09:21:10Z");
        assertThat(json.getList("connections")).hasSize(2);
        List<ConsumerRecord<String, String>> records = KafkaRecords.readKey(
                List.of(SESSIONS),
                visitor,
                seen -> KafkaRecords.distinctIds(seen).contains(last),
                Duration.ofSeconds(30));
        assertThat(records.stream()
                        .filter(r -> last.equals(KafkaRecords.header(r, "ce_id")))
                        .map(ConsumerRecord::value))
                .containsOnly(body);
    }

    @Test
    void metadataKeepsItsKeysInTheOrderSentAndAgentsReadAsTheSnapshotNamedThem() {
        Db db = new Db(dataSource);
        String visitor = "sm" + tag();
        String id = "ses_" + visitor;
        String agent = "ea_" + visitor;
        send(session("session.started", id, visitor, "2026-11-24T09:10:00Z")
                .replace("{\"ticket\": \"T-1001\", \"visitor_plan\": \"trial\"}", "{\"zz_longer_key\": 1, \"a\": 2}")
                .replace("ea_77ab", agent));
        // a newer session names the same agent otherwise: the shared agent row changes, this session's record not
        send(session("session.started", id + "_later", visitor, "2026-11-25T09:10:00Z")
                .replace("ea_77ab", agent)
                .replace("Sam Carter", "Samantha Carter"));

        String body = get(id).then().statusCode(200).extract().asString();

        assertThat(body)
                .isEqualTo(latestPayload(db, SESSIONS, id))
                .contains("\"metadata\":{\"zz_longer_key\":1,\"a\":2}")
                .contains("\"Sam Carter\"");
        assertThat(db.one("SELECT name FROM agent WHERE id = ?", agent)).isEqualTo("Samantha Carter");
    }

    @Test
    void onceRetentionHasDeletedItsRecordsASessionIsBuiltFromItsStateAlike() throws InterruptedException {
        Db db = new Db(dataSource);
        String visitor = "sr" + tag();
        String id = "ses_" + visitor;
        send(session("session.started", id, visitor, "2026-11-24T09:10:00Z"));
        send(session("session.state", id, visitor, "2026-11-24T09:12:30Z"));
        String published = get(id).then().statusCode(200).extract().asString();
        ApiSamples.awaitPublished(db, visitor);

        db.rows("DELETE FROM outbox_event WHERE visitor_key = ? RETURNING id", visitor);

        assertThat(get(id).then().statusCode(200).extract().asString()).isEqualTo(published);
    }

    @Test
    void aSessionOfAnErasedVisitorIsShownErasedAlsoBeforeItsOldRowsAreCleanedUp() throws InterruptedException {
        Db db = new Db(dataSource);
        String visitor = "se" + tag();
        String id = "ses_" + visitor;
        String email = visitor + "@example.com";
        send(session("session.started", id, visitor, "2026-11-24T09:10:00Z")
                .replace("ada.lovelace@example.com", email));
        send(session("session.state", id, visitor, "2026-11-24T09:12:30Z"));
        ApiSamples.awaitPublished(db, visitor);
        String personal = latestPayload(db, SESSIONS, id);

        send(Webhooks.envelope("visitor.deleted", "2026-11-24T10:00:00Z", "{\"short_id\":\"" + visitor + "\"}"));

        String erased = get(id).then().statusCode(200).extract().asString();
        assertThat(erased).isEqualTo(latestPayload(db, SESSIONS, id));
        JsonPath json = JsonPath.from(erased);
        for (String field : List.of("visitor_email", "visitor_ip_address", "visitor_unique_id", "start_url")) {
            assertThat(json.getString(field)).as(field).isNull();
        }
        assertThat(json.getString("metadata.visitor_plan")).isNull();
        assertThat(json.getString("metadata.ticket")).isEqualTo("T-1001");
        assertThat(json.getList("connections.current_url")).containsOnlyNulls();
        // a published row whose clean-up is still to come holds the personal data: it is not shown
        db.rows(
                "UPDATE outbox_event SET payload = ? WHERE id = (SELECT max(id) FROM outbox_event "
                        + "WHERE ce_subject = ? AND topic = ?) RETURNING id",
                personal,
                id,
                SESSIONS);
        assertThat(get(id).then().statusCode(200).extract().asString()).isEqualTo(erased);
        db.rows("UPDATE outbox_event SET payload = ? WHERE payload = ? RETURNING id", erased, personal);
        assertThat(db.occurrences(email)).isEmpty();
    }

    private static io.restassured.response.Response get(String id) {
        return OperatorApi.as(OperatorApi.READ_ONLY).get("/api/v1/sessions/" + id);
    }
}
