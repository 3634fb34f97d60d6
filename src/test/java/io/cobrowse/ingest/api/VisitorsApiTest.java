package io.cobrowse.ingest.api;

import static io.cobrowse.ingest.api.ApiSamples.VISITORS;
import static io.cobrowse.ingest.api.ApiSamples.latestPayload;
import static io.cobrowse.ingest.api.ApiSamples.send;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Visitors as last published: one, looked up by email, lookup code or unique id, and their sessions. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class VisitorsApiTest {

    @Inject
    AgroalDataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/visitors/k7Qm2Xp9", "/api/v1/visitors?email=a@b.c", "/api/v1/visitors/x/sessions"})
    void readingVisitorsNeedsAKeyWithTheReadRole(String path) {
        given().get(path)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        OperatorApi.as("not-a-key-of-this-service-0000000000000")
                .get(path)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        OperatorApi.as(OperatorApi.ERASE_ONLY)
                .get(path)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void aVisitorIsTheLastRecordPublishedForItByteForByte() {
        Db db = new Db(dataSource);
        String visitor = "va" + tag();
        send(ApiSamples.visitor(visitor, "2026-11-24T10:00:00Z"));
        String last = send(ApiSamples.visitor(visitor, "2026-11-24T13:00:00.5+02:00")
                .replace("ada.lovelace@example.com", "ada@example.org"));
        // older than the last: stale, publishes nothing
        send(ApiSamples.visitor(visitor, "2026-11-24T09:00:00Z").replace("ada.lovelace@example.com", "old@x.org"));

        String body = get(visitor)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString();

        assertThat(body).isEqualTo(latestPayload(db, VISITORS, visitor)).contains("\"ada@example.org\"");
        List<ConsumerRecord<String, String>> records = KafkaRecords.readKey(
                List.of(VISITORS),
                visitor,
                seen -> KafkaRecords.distinctIds(seen).contains(last),
                Duration.ofSeconds(30));
        assertThat(records.stream()
                        .filter(r -> last.equals(KafkaRecords.header(r, "ce_id")))
                        .map(ConsumerRecord::value))
                .containsOnly(body);
    }

    @Test
    void onceRetentionHasDeletedItsRecordsAVisitorIsBuiltFromItsStateAlike() throws InterruptedException {
        Db db = new Db(dataSource);
        String visitor = "vr" + tag();
        send(ApiSamples.visitor(visitor, "2026-11-24T10:00:00Z"));
        String published = get(visitor).then().statusCode(200).extract().asString();
        ApiSamples.awaitPublished(db, visitor);

        db.rows("DELETE FROM outbox_event WHERE visitor_key = ? RETURNING id", visitor);

        assertThat(get(visitor).then().statusCode(200).extract().asString()).isEqualTo(published);
    }

    @Test
    void anUnknownOrErasedVisitorIs404UntilNewerDataArrives() {
        Db db = new Db(dataSource);
        String visitor = "ve" + tag();
        get(visitor)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        send(ApiSamples.visitor(visitor, "2026-11-24T10:00:00Z"));
        get(visitor).then().statusCode(200);

        send(Webhooks.envelope("visitor.deleted", "2026-11-24T11:00:00Z", "{\"short_id\":\"" + visitor + "\"}"));
        get(visitor).then().statusCode(404);
        // not newer than the erasure: stays erased
        send(ApiSamples.visitor(visitor, "2026-11-24T10:30:00Z"));
        get(visitor).then().statusCode(404);

        send(ApiSamples.visitor(visitor, "2026-11-24T12:00:00Z"));
        assertThat(get(visitor).then().statusCode(200).extract().asString())
                .isEqualTo(latestPayload(db, VISITORS, visitor))
                .contains("ada.lovelace@example.com");
    }

    @Test
    void visitorsAreFoundByEmailInAnyCaseByLookupCodeAndByUniqueId() {
        Db db = new Db(dataSource);
        String tag = tag();
        String visitor = "vl" + tag;
        send(ApiSamples.visitor(visitor, "2026-11-24T10:00:00Z")
                .replace("ada.lovelace@example.com", "Ada." + tag + "@Example.COM")
                .replace("\"4821\"", "\"LC-" + tag + "\"")
                .replace("user-981", "user-" + tag));
        String payload = latestPayload(db, VISITORS, visitor);

        for (Map<String, String> query : List.of(
                Map.of("email", "ada." + tag + "@example.com"),
                Map.of("email", "ADA." + tag + "@EXAMPLE.COM"),
                Map.of("lookup_code", "LC-" + tag),
                Map.of("unique_id", "user-" + tag))) {
            Pages.Listed found = Pages.all("/api/v1/visitors", query, 100);
            assertThat(found.field("short_id")).as(query.toString()).containsExactly(visitor);
            assertThat(found.bodies().get(0)).as("items as published").contains(payload);
        }
        // lookup codes and unique ids are compared exactly
        assertThat(Pages.all("/api/v1/visitors", Map.of("lookup_code", "lc-" + tag), 100)
                        .items())
                .isEmpty();
    }

    @Test
    void aLookupIsPagedNewestFirstAndLeavesErasedVisitorsOut() {
        String tag = tag();
        String unique = "shared-" + tag;
        // added on the 1st to the 5th, and one without added_at, which comes last
        for (int day = 1; day <= 5; day++) {
            send(ApiSamples.visitor("vp" + tag + day, "2026-11-24T10:00:00Z")
                    .replace("user-981", unique)
                    .replace("2026-11-20T08:12:03Z", "2026-11-0" + day + "T08:00:00Z"));
        }
        send(ApiSamples.visitor("vp" + tag + "0", "2026-11-24T10:00:00Z")
                .replace("user-981", unique)
                .replace("\"2026-11-20T08:12:03Z\"", "null"));
        send(Webhooks.envelope("visitor.deleted", "2026-11-24T11:00:00Z", "{\"short_id\":\"vp" + tag + "3\"}"));

        Pages.Listed paged = Pages.all("/api/v1/visitors", Map.of("unique_id", unique), 2);

        assertThat(paged.field("short_id"))
                .containsExactly(
                        "vp" + tag + "5", "vp" + tag + "4", "vp" + tag + "2", "vp" + tag + "1", "vp" + tag + "0");
        assertThat(paged.pages()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "email=&lookup_code=",
                "email=a@b.c&unique_id=u",
                "lookup_code=1&unique_id=u",
                "email=a@b.c&lookup_code=1&unique_id=u"
            })
    void aLookupTakesExactlyOneOfEmailLookupCodeAndUniqueId(String query) {
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/visitors" + (query.isEmpty() ? "" : "?" + query))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo(VisitorLookup.ONE_OF));
    }

    @ParameterizedTest
    // the last: a cursor whose instant, +999999999-12-31T23:59:59Z, lies beyond what PostgreSQL holds
    @ValueSource(
            strings = {"limit=501", "limit=-1", "cursor=%25%25", "cursor=Kzk5OTk5OTk5OS0xMi0zMVQyMzo1OTo1OVoKbXNn"})
    void listsOfVisitorsAndSessionsRefuseAnInvalidLimitOrCursor(String query) {
        String parameter = query.substring(0, query.indexOf('='));
        for (String path : List.of("/api/v1/visitors?unique_id=u&", "/api/v1/visitors/x/sessions?")) {
            OperatorApi.as(OperatorApi.READ_ONLY)
                    .urlEncodingEnabled(false)
                    .get(path + query)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.startsWith(parameter + ":"));
        }
    }

    @Test
    void aVisitorsSessionsAreListedNewestFirstAsLastPublished() {
        Db db = new Db(dataSource);
        String visitor = "vs" + tag();
        String first = "ses_" + visitor + "_1";
        String second = "ses_" + visitor + "_2";
        String third = "ses_" + visitor + "_3";
        String unstarted = "ses_" + visitor + "_0";
        send(ApiSamples.session("session.started", first, visitor, "2026-11-20T09:00:00Z"));
        send(ApiSamples.session("session.started", second, visitor, "2026-11-22T09:00:00Z"));
        send(ApiSamples.session("session.started", third, visitor, "2026-11-21T09:00:00Z"));
        send(ApiSamples.session("session.ended", third, visitor, "2026-11-21T09:30:00Z"));
        // only its connections known: no started_at, so it comes last
        send(ApiSamples.session("session.state", unstarted, visitor, "2026-11-23T09:00:00Z"));

        Pages.Listed paged = Pages.all("/api/v1/visitors/" + visitor + "/sessions", Map.of(), 2);

        assertThat(paged.field("id")).containsExactly(second, third, first, unstarted);
        assertThat(paged.pages()).isEqualTo(2);
        String bodies = String.join("", paged.bodies());
        for (String session : List.of(first, second, third, unstarted)) {
            assertThat(bodies).contains(latestPayload(db, ApiSamples.SESSIONS, session));
        }
        assertThat(Pages.all("/api/v1/visitors/nobody-" + visitor + "/sessions", Map.of(), 2)
                        .items())
                .isEmpty();
    }

    private static io.restassured.response.Response get(String visitor) {
        return OperatorApi.as(OperatorApi.READ_ONLY).get("/api/v1/visitors/" + visitor);
    }
}
