package io.cobrowse.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.infra.LocalInfra;
import io.cobrowse.ingest.support.Management;
import io.cobrowse.ingest.support.OperatorApi;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL away: a quick 503 with Retry-After (for webhooks and the operator API), nothing acknowledged, and
 * recovery without a restart.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class DatabaseOutageTest {

    @Test
    void answers503QuicklyWhileTheDatabaseIsAwayAndRecoversByItself() throws Exception {
        LocalInfra infra = InfraResource.infra();
        Assumptions.assumeTrue(infra != null, "needs the test run's own database proxy");
        String id = Webhooks.newId();
        String visitor = "out-" + UUID.randomUUID().toString().substring(0, 8);
        String body = WebhookEndpointTest.visitor(visitor, "2026-11-24T10:00:00Z", null);
        infra.postgresProxy().cut();
        try {
            long start = System.nanoTime();
            Response during = Webhooks.send(id, body);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(during.statusCode()).isEqualTo(503);
            assertThat(during.contentType()).startsWith("application/problem+json");
            assertThat(during.header("Retry-After")).matches("\\d+");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            // an invalid body cannot be told apart from a conflict without the database either
            assertThat(Webhooks.send(Webhooks.newId(), "{\"type\":\"visitor.updated\"}")
                            .statusCode())
                    .isEqualTo(503);
            // an operator's erasure goes the webhook's way in, and is answered alike
            Response erasure = OperatorApi.as(OperatorApi.ERASE_ONLY).delete("/api/v1/visitors/" + visitor);
            assertThat(erasure.statusCode()).isEqualTo(503);
            assertThat(erasure.contentType()).startsWith("application/problem+json");
            assertThat(erasure.header("Retry-After")).matches("\\d+");
            // so is a read
            Response read = OperatorApi.as(OperatorApi.READ_ONLY).get("/api/v1/webhooks/" + id);
            assertThat(read.statusCode()).isEqualTo(503);
            assertThat(read.contentType()).startsWith("application/problem+json");
            assertThat(read.header("Retry-After")).matches("\\d+");
            awaitStatus("/q/health/ready", 503, Duration.ofSeconds(30));
        } finally {
            infra.postgresProxy().restore();
        }
        awaitStatus("/q/health/ready", 200, Duration.ofSeconds(30));
        // nothing was acknowledged: the same delivery is new, not a duplicate
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int status;
        do {
            status = Webhooks.send(id, body).statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(202);
        // the erasure answered 503 was not stored: the delivery above is the visitor's only webhook
        assertThat(OperatorApi.as(OperatorApi.READ_ONLY)
                        .queryParam("visitor_id", visitor)
                        .get("/api/v1/webhooks")
                        .<List<String>>path("items.id"))
                .containsExactly(id);
    }

    /** Waits for a health endpoint, on the management port, to answer the expected status. */
    private static void awaitStatus(String path, int expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last;
        do {
            last = Management.given().when().get(path).statusCode();
            if (last == expected) {
                return;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        assertThat(last).as(path).isEqualTo(expected);
    }
}
