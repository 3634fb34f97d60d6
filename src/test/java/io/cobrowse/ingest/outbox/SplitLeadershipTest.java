package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * Two replicas' relays share the partitions of the outbox and publish at once. One is killed mid-run (its
 * database connection closed, its process gone): the other takes its partitions over. A third one joins: the
 * partitions are shared again. Through all of it each visitor's events reach Kafka in the order they were
 * acknowledged, one visitor in each partition.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class SplitLeadershipTest {

    private static final int HALF = OutboxRelay.PARTITIONS / 2;

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

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eachVisitorsOrderHoldsWhileRelaysAreKilledAndJoin() throws Exception {
        LocalInfra infra = InfraResource.infra();
        Assumptions.assumeTrue(infra != null, "needs the test run's own database");
        int postgresPort =
                URI.create(infra.directJdbcUrl().substring("jdbc:".length())).getPort();
        Map<String, List<String>> sent = visitorInEachPartition();
        try (TcpProxy killable = new TcpProxy(postgresPort)) {
            String killableUrl = "jdbc:postgresql://127.0.0.1:" + killable.port() + "/" + LocalInfra.DATABASE;
            OutboxMetrics first = Relays.ownMetrics();
            OutboxMetrics second = Relays.ownMetrics();
            OutboxMetrics third = Relays.ownMetrics();
            serviceRelay.stop();
            List<OutboxRelay> started = new ArrayList<>();
            try {
                started.add(Relays.start(emitter, config, first, topics, killableUrl));
                started.add(Relays.start(secondReplicaEmitter, config, second, topics, infra.directJdbcUrl()));
                Relays.await(
                        "the two relays lead half the partitions each",
                        Duration.ofSeconds(60),
                        () -> first.partitionsLed() == HALF && second.partitionsLed() == HALF);
                sendRounds(sent, 0, 3);

                killable.cut();
                sendRounds(sent, 3, 8);
                Relays.await(
                        "the second relay takes the killed one's partitions over",
                        Duration.ofSeconds(60),
                        () -> second.partitionsLed() == OutboxRelay.PARTITIONS);
                assertPublishedInOrder(sent, Duration.ofSeconds(60));

                started.add(Relays.start(emitter, config, third, topics, infra.directJdbcUrl()));
                sendRounds(sent, 8, 10);
                Relays.await(
                        "a relay that joins gets its share",
                        Duration.ofSeconds(30),
                        () -> second.partitionsLed() == HALF && third.partitionsLed() == HALF);
                sendRounds(sent, 10, 13);
                assertPublishedInOrder(sent, Duration.ofSeconds(60));
            } finally {
                started.forEach(OutboxRelay::stop);
                killable.restore();
                serviceRelay.start();
            }
        }
    }

    /** One new visitor key in each partition, by the database's hash. */
    private Map<String, List<String>> visitorInEachPartition() throws Exception {
        Map<Integer, String> byPartition = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT " + RelayLocks.PARTITION_OF_ROW + " FROM (SELECT ? AS visitor_key) k")) {
            while (byPartition.size() < OutboxRelay.PARTITIONS) {
                String key = "s" + UUID.randomUUID().toString().substring(0, 8);
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    byPartition.putIfAbsent(rs.getInt(1), key);
                }
            }
        }
        Map<String, List<String>> sent = new LinkedHashMap<>();
        byPartition.values().forEach(key -> sent.put(key, new ArrayList<>()));
        return sent;
    }

    private static void sendRounds(Map<String, List<String>> sent, int from, int to) {
        for (int i = from; i < to; i++) {
            for (Map.Entry<String, List<String>> visitor : sent.entrySet()) {
                String id = Webhooks.newId();
                Webhooks.send(id, KafkaPublishTest.visitorAt(visitor.getKey(), "2026-11-24T10:00:%02dZ".formatted(i)))
                        .then()
                        .statusCode(202);
                visitor.getValue().add(id);
            }
        }
    }

    private static void assertPublishedInOrder(Map<String, List<String>> sent, Duration timeout) {
        var records = KafkaRecords.readKeys(
                KafkaPublishTest.TOPICS,
                sent.keySet(),
                seen -> KafkaRecords.distinctIds(seen).size()
                        >= sent.values().iterator().next().size(),
                timeout);
        sent.forEach((visitor, ids) -> assertThat(KafkaRecords.distinctIds(records.get(visitor)))
                .as("the events of a visitor, in the order they were acknowledged")
                .containsExactlyElementsOf(ids));
    }
}
