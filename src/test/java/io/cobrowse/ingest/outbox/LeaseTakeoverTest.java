package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.infra.LocalInfra;
import io.cobrowse.ingest.infra.TcpProxy;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The publishing replica's database connection falls silent (no error, no close: its session locks stay on
 * the server). Another replica takes its partitions over once their leases have run out, publishes within a
 * bound, not before what the old leader may still have had in flight has landed, and each visitor's order
 * holds.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class LeaseTakeoverTest {

    @Inject
    @Channel(OutboxRelay.CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<Record<String, String>> emitter;

    @Inject
    @Channel("cobrowse-events-second-replica")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<Record<String, String>> secondReplicaEmitter;

    @Inject
    IngestConfig config;

    @Inject
    OutboxRelay serviceRelay;

    @Inject
    TopicSetup topics;

    @Test
    void aSilentLeaderIsReplacedWithinABoundAndEachVisitorsOrderHolds() throws Exception {
        LocalInfra infra = InfraResource.infra();
        Assumptions.assumeTrue(infra != null, "needs the test run's own database");
        int postgresPort =
                URI.create(infra.directJdbcUrl().substring("jdbc:".length())).getPort();
        try (TcpProxy path = new TcpProxy(postgresPort)) {
            String silentUrl = "jdbc:postgresql://127.0.0.1:" + path.port() + "/" + LocalInfra.DATABASE;
            OutboxMetrics first = Relays.ownMetrics();
            OutboxMetrics second = Relays.ownMetrics();
            serviceRelay.stop();
            OutboxRelay leader = Relays.start(emitter, config, first, topics, silentUrl);
            OutboxRelay candidate = null;
            try {
                Relays.await(
                        "the first relay leads every partition",
                        Duration.ofSeconds(60),
                        () -> first.partitionsLed() == OutboxRelay.PARTITIONS);
                Map<String, List<String>> sent = new LinkedHashMap<>();
                for (int v = 0; v < 3; v++) {
                    sent.put("l" + UUID.randomUUID().toString().substring(0, 8), new ArrayList<>());
                }
                sendRound(sent, 0);
                for (String visitor : sent.keySet()) {
                    KafkaRecords.readKey(
                            KafkaPublishTest.TOPICS, visitor, seen -> !seen.isEmpty(), Duration.ofSeconds(30));
                }

                path.blackhole();
                long silentSince = System.currentTimeMillis();
                // started now, it would share the partitions with the first relay; it has to take them all over
                candidate = Relays.start(secondReplicaEmitter, config, second, topics, infra.directJdbcUrl());
                for (int i = 1; i < 4; i++) {
                    sendRound(sent, i);
                }
                List<ConsumerRecord<String, String>> afterSilence = new ArrayList<>();
                for (Map.Entry<String, List<String>> visitor : sent.entrySet()) {
                    long left = Math.max(1, silentSince + 90_000 - System.currentTimeMillis());
                    var records = KafkaRecords.readKey(
                            KafkaPublishTest.TOPICS,
                            visitor.getKey(),
                            seen -> KafkaRecords.distinctIds(seen).size() >= 4,
                            Duration.ofMillis(left));
                    assertThat(KafkaRecords.distinctIds(records))
                            .as("published within 90 s of the silence, in order")
                            .containsExactlyElementsOf(visitor.getValue());
                    records.stream()
                            .filter(r -> !visitor.getValue().get(0).equals(KafkaRecords.header(r, "ce_id")))
                            .forEach(afterSilence::add);
                }
                assertThat(second.partitionsLed()).isEqualTo(OutboxRelay.PARTITIONS);
                // fenced: the new leader sent nothing before what the old one may have had in flight had landed
                long deliveryTimeout = ConfigProvider.getConfig()
                        .getValue("mp.messaging.outgoing.cobrowse-events.delivery.timeout.ms", Long.class);
                assertThat(afterSilence).allSatisfy(r -> assertThat(r.timestamp() - silentSince)
                        .isGreaterThanOrEqualTo(deliveryTimeout));
            } finally {
                path.restore();
                leader.stop();
                if (candidate != null) {
                    candidate.stop();
                }
                serviceRelay.start();
            }
        }
    }

    private static void sendRound(Map<String, List<String>> sent, int i) {
        for (Map.Entry<String, List<String>> visitor : sent.entrySet()) {
            String id = Webhooks.newId();
            Webhooks.send(id, KafkaPublishTest.visitorAt(visitor.getKey(), "2026-11-24T10:00:0" + i + "Z"))
                    .then()
                    .statusCode(202);
            visitor.getValue().add(id);
        }
    }
}
