package io.cobrowse.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.OperatorApi;
import io.cobrowse.ingest.support.Rejections;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The refused requests as operators see them: every kind, what each says, and nothing of the request besides. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class RejectionsApiTest {

    private static final String BAD_SIGNATURE = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    @Test
    void withoutAKeyOrWithAnUnknownOneTheAnswerIs401() {
        given().get("/api/v1/rejections")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        OperatorApi.as("not-a-key-of-this-service-0000000000000")
                .get("/api/v1/rejections")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void keysWithoutTheReadRoleAre403() {
        for (String key : List.of(OperatorApi.ERASE_ONLY, OperatorApi.REPLAY_ONLY)) {
            OperatorApi.as(key)
                    .get("/api/v1/rejections")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("status", equalTo(403));
        }
    }

    @Test
    void eachKindOfRefusalIsListedWithItsStatusReasonAndWebhookId() {
        Instant start = Instant.now().minusMillis(5);
        String tooLarge = Webhooks.newId();
        byte[] big = Webhooks.envelope(
                        "visitor.updated",
                        "2026-11-24T10:00:00Z",
                        "{\"short_id\":\"big\",\"last_url\":\"" + "x".repeat(1024 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Webhooks.send(tooLarge, big).then().statusCode(413);
        String notJson = Webhooks.newId();
        Webhooks.signed(notJson, "{}".getBytes(StandardCharsets.UTF_8))
                .contentType("text/plain")
                .post("/webhooks/cobrowse")
                .then()
                .statusCode(415);
        String unsigned = Webhooks.newId();
        given().header("webhook-id", unsigned)
                .header("webhook-timestamp", String.valueOf(Instant.now().getEpochSecond()))
                .header("webhook-signature", BAD_SIGNATURE)
                .contentType("application/json")
                .body("{}")
                .post("/webhooks/cobrowse")
                .then()
                .statusCode(401);
        String invalid = Webhooks.newId();
        Webhooks.send(invalid, "{\"type\":\"visitor.updated\"}").then().statusCode(400);
        String conflict = Webhooks.newId();
        String visitor = "rj-" + conflict.substring(4, 12);
        Webhooks.send(conflict, visitorOnline(visitor, "2026-11-24T10:00:00Z"))
                .then()
                .statusCode(202);
        Webhooks.send(conflict, visitorOnline(visitor, "2026-11-24T11:00:00Z"))
                .then()
                .statusCode(409);
        // a duplicate is no refusal
        Webhooks.send(conflict, visitorOnline(visitor, "2026-11-24T10:00:00Z"))
                .then()
                .statusCode(200);

        List<String> ids = List.of(tooLarge, notJson, unsigned, invalid, conflict);
        List<Map<String, Object>> items = Rejections.awaitSince(start, found -> ids.stream()
                .allMatch(id -> !Rejections.of(found, id).isEmpty()));

        assertListed(items, tooLarge, 413, "the body is larger than the limit of 1048576 bytes");
        assertListed(items, notJson, 415, "the body must be application/json");
        assertListed(items, unsigned, 401, "no signature matches");
        assertListed(items, invalid, 400, "the webhook body is not valid");
        assertListed(items, conflict, 409, "this webhook-id was already accepted with a different body");
        assertThat(items).allSatisfy(i -> assertThat(i.keySet())
                .isEqualTo(Set.of("received_at", "status", "reason", "webhook_id")));
    }

    @Test
    void aWebhookIdTooLongToKeepIsLeftOutAndTheReasonSaysWhy() {
        Instant start = Instant.now().minusMillis(5);
        String id = "msg_" + "x".repeat(600);
        Webhooks.send(id, visitorOnline("long-id", "2026-11-24T10:00:00Z"))
                .then()
                .statusCode(401);
        List<Map<String, Object>> items = Rejections.awaitSince(start, found -> found.stream()
                .anyMatch(i -> "webhook-id is longer than 512 characters".equals(i.get("reason"))));
        assertThat(items)
                .anySatisfy(i -> {
                    assertThat(i.get("status")).isEqualTo(401);
                    assertThat(i.get("reason")).isEqualTo("webhook-id is longer than 512 characters");
                    assertThat(i.get("webhook_id")).isNull();
                })
                .noneSatisfy(i -> assertThat(i.get("webhook_id")).isEqualTo(id));
    }

    @Test
    void pagesFollowEachOtherNewestFirstWithoutGapsOrRepeats() {
        Instant start = Instant.now().minusMillis(5);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = Webhooks.newId();
            sent.add(id);
            given().header("webhook-id", id)
                    .header("webhook-timestamp", String.valueOf(Instant.now().getEpochSecond()))
                    .header("webhook-signature", BAD_SIGNATURE)
                    .contentType("application/json")
                    .body("{}")
                    .post("/webhooks/cobrowse")
                    .then()
                    .statusCode(401);
        }
        Rejections.awaitSince(start, found -> sent.stream()
                .allMatch(id -> !Rejections.of(found, id).isEmpty()));

        List<String> paged = new ArrayList<>();
        List<String> times = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = OperatorApi.as(OperatorApi.READ_ONLY)
                    .queryParam("received_after", start.toString())
                    .queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/rejections").then().statusCode(200).extract();
            List<Map<String, Object>> items = page.jsonPath().getList("items");
            assertThat(items).hasSizeLessThanOrEqualTo(2);
            items.forEach(i -> paged.add((String) i.get("webhook_id")));
            items.forEach(i -> times.add((String) i.get("received_at")));
            cursor = page.path("next_cursor");
            pages++;
        } while (cursor != null && pages < 50);

        assertThat(paged).doesNotHaveDuplicates();
        List<String> newestFirst = new ArrayList<>(sent);
        Collections.reverse(newestFirst);
        assertThat(paged.stream().filter(sent::contains).toList()).isEqualTo(newestFirst);
        assertThat(times.stream().map(Instant::parse).toList()).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        "limit, -7",
        "limit, 5017",
        "limit, ten",
        "limit, 2.5",
        "received_after, yesterday",
        "received_after, 2026-11-24T10:00:00",
        "cursor, not-a-cursor",
        "cursor, cjE6MTp4OjI",
        // r1:569000000000:0:1 and r1:-62200000000:0:1, instants in the years 20000 and 0
        "cursor, cjE6NTY5MDAwMDAwMDAwOjA6MQ",
        "cursor, cjE6LTYyMjAwMDAwMDAwOjA6MQ",
    })
    void badParametersAre400ProblemsThatDoNotRepeatThem(String name, String value) {
        OperatorApi.as(OperatorApi.READ_ONLY)
                .queryParam(name, value)
                .get("/api/v1/rejections")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString(name))
                .body("detail", not(containsString(value)));
    }

    @Test
    void theLimitIsOneTo500() {
        for (int limit : new int[] {0, 501}) {
            OperatorApi.as(OperatorApi.READ_ONLY)
                    .queryParam("limit", limit)
                    .get("/api/v1/rejections")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
        for (int limit : new int[] {1, 500}) {
            OperatorApi.as(OperatorApi.READ_ONLY)
                    .queryParam("limit", limit)
                    .get("/api/v1/rejections")
                    .then()
                    .statusCode(200);
        }
    }

    @Test
    void aForgedCursorOfTheRightShapeIsAcceptedAsAPosition() {
        String cursor =
                Base64.getUrlEncoder().withoutPadding().encodeToString("r1:0:0:1".getBytes(StandardCharsets.UTF_8));
        OperatorApi.as(OperatorApi.READ_ONLY)
                .queryParam("cursor", cursor)
                .get("/api/v1/rejections")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(0))
                .body("next_cursor", equalTo(null));
    }

    @Test
    void theOpenApiDocumentNamesTheRoleTheParametersAndTheShape() {
        String get = "paths.'/api/v1/rejections'.get";
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(get + ".summary", containsString("(role read)"))
                .body(get + ".security[0].apiKey", notNullValue())
                .body(get + ".parameters.name", hasItems("received_after", "limit", "cursor"))
                .body(get + ".responses.'400'.content.'application/problem+json'", notNullValue())
                .body(get + ".responses.'403'", notNullValue())
                .body(
                        "components.schemas.RejectionView.properties.keySet()",
                        equalTo(Set.of("received_at", "status", "reason", "webhook_id")))
                .body("components.schemas.RejectionPage.properties.keySet()", equalTo(Set.of("items", "next_cursor")));
    }

    private static void assertListed(List<Map<String, Object>> items, String id, int status, String reason) {
        List<Map<String, Object>> mine = Rejections.of(items, id);
        assertThat(mine).as("refusals of %s", id).hasSize(1);
        assertThat(mine.get(0).get("status")).isEqualTo(status);
        assertThat(mine.get(0).get("reason")).isEqualTo(reason);
        assertThat(Instant.parse((String) mine.get(0).get("received_at"))).isNotNull();
    }

    private static String visitorOnline(String visitor, String at) {
        return Webhooks.envelope("visitor.online", at, "{\"short_id\":\"" + visitor + "\"}");
    }
}
