package io.cobrowse.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.OperatorApi;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Looking a webhook up: who may, and what it says of the webhook's way to Kafka. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class WebhooksApiTest {

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
        Webhooks.send(id, Webhooks.sample("visitor.updated")).then().statusCode(202);
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/webhooks/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("type", equalTo("visitor.updated"))
                .body("status", equalTo("applied"))
                .body("visitor_id", not(equalTo(null)))
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
}
