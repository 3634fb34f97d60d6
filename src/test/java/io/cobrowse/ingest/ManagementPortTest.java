package io.cobrowse.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Management;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract, section 3: health and metrics answer on the management port only, so the port the webhook senders reach
 * shows nothing of the service's internals; the OpenAPI document stays on the public port.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class ManagementPortTest {

    @ParameterizedTest
    @ValueSource(strings = {"/q/health/live", "/q/health/ready", "/q/health/started", "/q/health"})
    void healthAnswersOnTheManagementPortOnly(String path) {
        Management.given().when().get(path).then().statusCode(200).body("status", equalTo("UP"));
        given().when().get(path).then().statusCode(404);
    }

    @Test
    void metricsAnswerOnTheManagementPortOnly() {
        Management.given()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("cobrowse_outbox_backlog_rows"));
        given().when().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void openApiStaysOnThePublicPort() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/webhooks/cobrowse"));
        Management.given().when().get("/q/openapi").then().statusCode(404);
        // the Swagger UI is built into dev and test only; it follows the document
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        Management.given().when().get("/q/swagger-ui/").then().statusCode(404);
    }
}
