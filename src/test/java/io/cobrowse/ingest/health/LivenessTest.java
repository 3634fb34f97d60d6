package io.cobrowse.ingest.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.lifecycle.BackgroundLoop;
import io.cobrowse.ingest.support.Management;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Liveness goes DOWN when a background loop (relay, writer) has ended while it should run, and only then. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class LivenessTest {

    @Test
    void aLoopThatEndedUnexpectedlyTurnsLivenessDownUntilItIsStopped() throws Exception {
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        BackgroundLoop broken = BackgroundLoop.start("liveness-test-loop", loop -> {
            throw new IllegalStateException("injected fault");
        });
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            Response live;
            do {
                Thread.sleep(200);
                live = Management.given().when().get("/q/health/live");
            } while (live.statusCode() == 200 && System.nanoTime() < deadline);
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(live.jsonPath().getString("status")).isEqualTo("DOWN");
            assertThat(live.asString()).contains("liveness-test-loop");
        } finally {
            broken.stop(Duration.ZERO);
        }
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
