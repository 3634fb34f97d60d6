package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.infra.LocalInfra;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' relays run at once; the publishing one loses its database connection halfway and the
 * other takes over. Each visitor's events still reach Kafka in the order they were acknowledged.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class TwoRelaysTest {

    /** A second producer, as a second replica would have (declared for the test profile). */
    @Inject
    @Channel("cobrowse-events-second-replica")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<Record<String, String>> secondReplicaEmitter;

    @Inject
    IngestConfig config;

    @Inject
    OutboxMetrics metrics;

    @Inject
    TopicSetup topics;

    @Test
    void perVisitorOrderHoldsAcrossAFailover() throws Exception {
        LocalInfra infra = InfraResource.infra();
        Assumptions.assumeTrue(infra != null, "needs the test run's own database proxy");
        // the second relay connects directly, so cutting the service's proxy fails only the first one over
        OutboxRelay second = Relays.start(secondReplicaEmitter, config, metrics, topics, infra.directJdbcUrl());
        Map<String, List<String>> sent = new LinkedHashMap<>();
        for (int v = 0; v < 3; v++) {
            sent.put("v" + UUID.randomUUID().toString().substring(0, 8), new ArrayList<>());
        }
        try {
            for (int i = 0; i < 12; i++) {
                if (i == 4) {
                    infra.postgresProxy().cut();
                    Thread.sleep(1500);
                    infra.postgresProxy().restore();
                }
                for (Map.Entry<String, List<String>> visitor : sent.entrySet()) {
                    String id = Webhooks.newId();
                    String body = KafkaPublishTest.visitorAt(
                            visitor.getKey(), "2026-11-24T10:00:" + String.format("%02d", i) + "Z");
                    sendUntilAccepted(id, body);
                    visitor.getValue().add(id);
                }
            }
            for (Map.Entry<String, List<String>> visitor : sent.entrySet()) {
                var records = KafkaRecords.readKey(
                        KafkaPublishTest.TOPICS,
                        visitor.getKey(),
                        seen -> KafkaRecords.distinctIds(seen).size() >= 12,
                        Duration.ofSeconds(60));
                assertThat(KafkaRecords.distinctIds(records)).containsExactlyElementsOf(visitor.getValue());
            }
        } finally {
            infra.postgresProxy().restore();
            second.stop();
        }
    }

    /** As a sender does: a 503 is retried after a moment. */
    private static void sendUntilAccepted(String id, String body) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            int status = Webhooks.send(id, body).statusCode();
            if (status == 202) {
                return;
            }
            assertThat(status).isEqualTo(503);
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(250);
        }
    }
}
