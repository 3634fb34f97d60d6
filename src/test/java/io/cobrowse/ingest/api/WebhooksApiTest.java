package io.cobrowse.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.OperatorApi;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Looking webhooks up, one or a list: who may, and what it says of the webhook's way to Kafka. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class WebhooksApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void withoutAKeyOrWithAnUnknownOneTheAnswerIs401WithABearerChallenge() {
        given().get("/api/v1/webhooks/msg_x")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        OperatorApi.as("not-a-key-of-this-service-0000000000000")
                .get("/api/v1/webhooks/msg_x")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        given().header("Authorization", "Basic " + OperatorApi.READ_ONLY)
                .get("/api/v1/webhooks/msg_x")
                .then()
                .statusCode(401);
    }

    @Test
    void aKeyWithoutTheReadRoleIs403() {
        OperatorApi.as(OperatorApi.ERASE_ONLY)
                .get("/api/v1/webhooks/msg_x")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }

    @Test
    void anUnknownWebhookIs404() {
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/webhooks/msg_never_sent")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void anAppliedWebhookIsShownWithoutItsBodyAndReachesPublished() throws InterruptedException {
        String id = Webhooks.newId();
        // a visitor of its own: another test's newer snapshot of the sample's visitor would make this one stale
        String visitor = "v" + id.substring(id.length() - 12);
        Webhooks.send(id, Webhooks.sample("visitor.updated").replace("k7Qm2Xp9", visitor))
                .then()
                .statusCode(202);
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/webhooks/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("type", equalTo("visitor.updated"))
                .body("status", equalTo("applied"))
                .body("visitor_id", equalTo(visitor))
                .body("received_at", not(equalTo(null)))
                .body("timestamp", not(equalTo(null)))
                .body(
                        "keySet()",
                        equalTo(java.util.Set.of(
                                "id", "type", "status", "received_at", "timestamp", "visitor_id", "publication")));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String publication;
        do {
            Thread.sleep(100);
            publication = OperatorApi.as(OperatorApi.OPERATOR)
                    .get("/api/v1/webhooks/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("publication");
        } while (!publication.equals("published") && System.nanoTime() < deadline);
        assertThat(publication).isEqualTo("published");
    }

    @Test
    void theListNeedsAKeyWithTheReadRole() {
        given().get("/api/v1/webhooks")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        OperatorApi.as("not-a-key-of-this-service-0000000000000")
                .get("/api/v1/webhooks")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");
        OperatorApi.as(OperatorApi.REPLAY_ONLY)
                .get("/api/v1/webhooks")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void theListIsNewestFirstAndFiltersByStatusTypeVisitorAndReceiptTime() {
        String visitor = "wl" + tag();
        String applied = send(visitorUpdated(visitor, "2026-11-24T10:00:00Z"));
        String stale = send(visitorUpdated(visitor, "2026-11-24T09:00:00Z"));
        String unhandled =
                send(Webhooks.envelope("visitor.poked", "2026-11-24T10:01:00Z", "{\"short_id\":\"" + visitor + "\"}"));
        String session = send(Webhooks.sample("session.started")
                .replace("k7Qm2Xp9", visitor)
                .replace("ses_9f2c41", "ses_" + visitor));

        Pages.Listed all = Pages.all("/api/v1/webhooks", Map.of("visitor_id", visitor), 100);
        assertThat(all.field("id")).containsExactly(session, unhandled, stale, applied);
        assertThat(all.items().get(0))
                .containsEntry("type", "session.started")
                .containsEntry("status", "applied")
                .containsEntry("visitor_id", visitor)
                .containsKeys("received_at", "timestamp", "publication");
        assertThat(ids(Map.of("visitor_id", visitor, "status", "stale"))).containsExactly(stale);
        assertThat(ids(Map.of("visitor_id", visitor, "status", "unhandled"))).containsExactly(unhandled);
        assertThat(ids(Map.of("visitor_id", visitor, "status", "applied"))).containsExactly(session, applied);
        assertThat(ids(Map.of("visitor_id", visitor, "type", "visitor.updated")))
                .containsExactly(stale, applied);
        // received_after is inclusive, received_before exclusive
        String staleReceived = (String) all.items().get(2).get("received_at");
        String unhandledReceived = (String) all.items().get(1).get("received_at");
        assertThat(ids(Map.of("visitor_id", visitor, "received_after", staleReceived)))
                .containsExactly(session, unhandled, stale);
        assertThat(ids(Map.of("visitor_id", visitor, "received_before", unhandledReceived)))
                .containsExactly(stale, applied);
        assertThat(ids(Map.of(
                        "visitor_id", visitor, "received_after", staleReceived, "received_before", unhandledReceived)))
                .containsExactly(stale);
        // any offset is read as the instant it names
        assertThat(ids(Map.of("visitor_id", visitor, "received_after", "2999-01-01T01:00:00+01:00")))
                .isEmpty();
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeatsAlsoWhereReceiptTimesAreEqual() {
        Db db = new Db(dataSource);
        String visitor = "wp" + tag();
        List<String> expected = new ArrayList<>();
        // seven webhooks, four of them received in the same microsecond: the id orders those
        for (int i = 0; i < 7; i++) {
            String id = "wp_" + visitor + "_" + i;
            db.rows("""
                    INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256, status,
                                             visitor_key)
                    VALUES (?, 'visitor.updated', '2026-11-24T10:00:00Z', ?::timestamptz, '\\x00', 'applied', ?)
                    RETURNING webhook_id""", id, i < 4 ? "2026-11-20T10:00:00.123456Z" : "2026-11-20T10:00:0" + i + "Z", visitor);
            expected.add(id);
        }
        // newest first: the three received later, then the four by id, descending
        Collections.reverse(expected);

        Pages.Listed paged = Pages.all("/api/v1/webhooks", Map.of("visitor_id", visitor), 2);

        assertThat(paged.field("id")).containsExactlyElementsOf(expected);
        assertThat(paged.pages()).isEqualTo(4);
        assertThat(Pages.all("/api/v1/webhooks", Map.of("visitor_id", visitor), 7)
                        .pages())
                .isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource({
        "status, bogus",
        "status, APPLIED",
        "received_after, yesterday",
        "received_after, 2026-11-24T10:00:00",
        "received_before, 2026-11-24",
        "limit, 0",
        "limit, 501",
        "limit, ten",
        "cursor, not a cursor",
        "cursor, bm8gc2VwYXJhdG9y",
        "cursor, bm90LWFuLWluc3RhbnQKaWQ",
        // instants a cursor can spell outside the years 1 to 9999: +999999999-12-31T23:59:59Z, -999999999-01-01…,
        // +10000-01-01T00:00:00Z, each with an id
        "cursor, Kzk5OTk5OTk5OS0xMi0zMVQyMzo1OTo1OVoKbXNn",
        "cursor, LTk5OTk5OTk5OS0wMS0wMVQwMDowMDowMFoKbXNn",
        "cursor, KzEwMDAwLTAxLTAxVDAwOjAwOjAwWgptc2c",
        "visitor_id, NUL"
    })
    void anInvalidParameterIs400NamingIt(String parameter, String value) {
        String sent = value.equals("NUL") ? "\u0000" : value;
        OperatorApi.as(OperatorApi.READ_ONLY)
                .queryParam(parameter, sent)
                .get("/api/v1/webhooks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", startsWith(parameter + ":"));
    }

    @Test
    void aCursorOfAnotherPageStillOnlyMovesForward() {
        String cursor = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("2000-01-01T00:00:00Z\nzzz".getBytes(StandardCharsets.UTF_8));
        OperatorApi.as(OperatorApi.READ_ONLY)
                .queryParam("cursor", cursor)
                .get("/api/v1/webhooks")
                .then()
                .statusCode(200)
                .body("items", equalTo(List.of()))
                .body("next_cursor", equalTo(null));
    }

    private static List<Object> ids(Map<String, ?> parameters) {
        return Pages.all("/api/v1/webhooks", parameters, 100).field("id");
    }

    private static String send(String body) {
        String id = Webhooks.newId();
        Webhooks.send(id, body).then().statusCode(202);
        return id;
    }

    private static String visitorUpdated(String visitor, String at) {
        return Webhooks.envelope("visitor.updated", at, "{\"short_id\":\"" + visitor + "\"}");
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
