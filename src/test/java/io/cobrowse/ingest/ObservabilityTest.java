package io.cobrowse.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.outbox.OutboxRelay;
import io.cobrowse.ingest.support.CapturedLog;
import io.cobrowse.ingest.support.Management;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.i18n.KafkaLogging;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

/** What operators look at: health, Prometheus metrics, the OpenAPI document and the log. */
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
    void prometheusMetricsCountWebhooksAndShowTheOutbox() throws InterruptedException {
        Webhooks.send(
                        Webhooks.newId(),
                        Webhooks.envelope(
                                "visitor.online", "2026-11-24T10:00:00Z", "{\"short_id\":\"metrics-visitor\"}"))
                .then()
                .statusCode(202);
        // the HTTP server times a request once its answer is written, which the client may see first
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (!Management.given().when().get("/q/metrics").asString().contains("http_server_requests_seconds_bucket{")
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
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

    @Test
    void theConsoleLeavesOutTheErrorPerRecordTheRelaySendsAgain() {
        List<Handler> consoles = handlers(Logger.getLogger("").getHandlers()).stream()
                .filter(ConsoleHandler.class::isInstance)
                .toList();
        // the connector's own records, as its message logger makes them in the running service
        List<LogRecord> records;
        try (CapturedLog captured = CapturedLog.ofThisThread("io.smallrye.reactive.messaging.kafka")) {
            TimeoutException expired = new TimeoutException("Expiring 13 record(s)");
            KafkaLogging.log.unableToWrite(OutboxRelay.CHANNEL, "cobrowse.visitors.v1", expired);
            KafkaLogging.log.nackingMessage(Message.of("record"), OutboxRelay.CHANNEL, "cobrowse.visitors.v1", expired);
            KafkaLogging.log.unableToDispatch(new IllegalStateException("closed"));
            records = captured.records();
        }

        assertThat(records).hasSize(3);
        assertThat(consoles).isNotEmpty().allSatisfy(console -> {
            assertThat(console.isLoggable(records.get(0))).isFalse();
            assertThat(console.isLoggable(records.get(1))).isFalse();
            assertThat(console.isLoggable(records.get(2))).isTrue();
        });
    }

    @Test
    void sqlErrorMessagesWhichMayQuoteARefusedValueAreNotLogged() {
        assertThat(Logger.getLogger("org.hibernate.orm.jdbc.error").isLoggable(java.util.logging.Level.SEVERE))
                .isFalse();
    }

    /** The handlers and those nested in them (Quarkus wraps its console handler in one that delays early records). */
    private static List<Handler> handlers(Handler[] top) {
        List<Handler> all = new ArrayList<>();
        for (Handler h : top) {
            all.add(h);
            if (h instanceof ExtHandler ext) {
                all.addAll(handlers(ext.getHandlers()));
            }
        }
        return all;
    }
}
