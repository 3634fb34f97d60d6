package io.cobrowse.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Management;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** What operators look at: health, Prometheus metrics and the OpenAPI document. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class ObservabilityTest {

    @Test
    void healthIsUpAndKafkaIsReportedInformationally() {
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given()
                .when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("kafka (informational)"));
    }

    @Test
    void prometheusMetricsCountWebhooksAndShowTheOutbox() {
        Webhooks.send(
                        Webhooks.newId(),
                        Webhooks.envelope(
                                "visitor.online", "2026-11-24T10:00:00Z", "{\"short_id\":\"metrics-visitor\"}"))
                .then()
                .statusCode(202);
        Management.given()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("cobrowse_webhooks_received_total{outcome=\"applied\",type=\"visitor.online\"}"))
                .body(containsString("cobrowse_outbox_backlog_rows"))
                .body(containsString("cobrowse_outbox_backlog_oldest_age_seconds"))
                .body(containsString("cobrowse_outbox_publish_latency_seconds"))
                .body(containsString("cobrowse_outbox_publish_failures_total"))
                // the grouped commits: at least this webhook's group was counted and timed
                .body(matchesPattern("(?s).*\\ncobrowse_writer_group_size_count [1-9][0-9]*\\.0\\n.*"))
                // histograms, which add up across replicas, not quantiles computed in each
                .body(containsString("cobrowse_writer_group_seconds_bucket{le="))
                .body(containsString("cobrowse_writer_wait_seconds_bucket{le="))
                .body(containsString("cobrowse_writer_group_size_bucket{le="))
                .body(containsString("cobrowse_outbox_publish_latency_seconds_bucket{le="))
                .body(containsString("http_server_requests_seconds_bucket{"))
                .body(not(containsString("quantile=")));
    }

    /** One vocabulary in the outcome label: a refusal before parsing is named, not given as a status code. */
    @Test
    void refusalsBeforeParsingCountUnderNamedOutcomes() {
        given().contentType("application/json")
                .body("{}")
                .when()
                .post("/webhooks/cobrowse")
                .then()
                .statusCode(401);
        Management.given()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("cobrowse_webhooks_received_total{outcome=\"unauthorized\",type=\"unknown\"}"))
                .body(not(matchesPattern("(?s).*cobrowse_webhooks_received_total\\{outcome=\"[0-9]+\".*")));
    }

    @Test
    void openApiDescribesTheWebhookEndpointItsHeadersAndProblems() {
        given().queryParam("format", "json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths.'/webhooks/cobrowse'.post", notNullValue())
                .body("paths.'/webhooks/cobrowse'.post.parameters.name", hasItem("webhook-signature"))
                .body("paths.'/webhooks/cobrowse'.post.responses.'202'", notNullValue())
                .body(
                        "paths.'/webhooks/cobrowse'.post.responses.'401'.content.'application/problem+json'",
                        notNullValue())
                .body("paths.'/webhooks/cobrowse'.post.responses.'503'", notNullValue());
    }
}
