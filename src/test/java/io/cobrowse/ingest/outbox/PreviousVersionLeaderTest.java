package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A rolling upgrade: while a replica of the version before the partitions leads the whole outbox (its
 * leader lock held, its lease in relay_lease), the new relays lead nothing; once it has stopped, they publish
 * only after what it may have had in flight is quiet.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class PreviousVersionLeaderTest {

    private static final Duration OLD_LEADER_QUIET = Duration.ofSeconds(8);

    @Inject
    @Channel(OutboxRelay.CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<Record<String, String>> emitter;

    @Inject
    IngestConfig config;

    @Inject
    OutboxRelay serviceRelay;

    @Inject
    TopicSetup topics;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void newRelaysWaitForTheOldLeaderToStopAndBeQuiet() throws Exception {
        RelayLocks locks = RelayLocks.of(config.relay().leaderLock());
        OutboxMetrics metrics = Relays.ownMetrics();
        serviceRelay.stop();
        OutboxRelay relay = null;
        LocalInfra infra = InfraResource.infra();
        Assumptions.assumeTrue(infra != null, "needs the test run's own database");
        // a connection of its own: the lock is a session's, and a pooled connection's session outlives close()
        try (Connection oldLeader =
                DriverManager.getConnection(infra.directJdbcUrl(), LocalInfra.USER, LocalInfra.PASSWORD)) {
            // what the previous version's leader holds: the leader lock alone, exclusively
            try (PreparedStatement ps = oldLeader.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                ps.setInt(1, locks.classId());
                ps.setInt(2, locks.joinObjId());
                ps.executeQuery().close();
            }
            relay = Relays.start(emitter, config, metrics, topics, infra.directJdbcUrl());
            String visitor = "u" + UUID.randomUUID().toString().substring(0, 8);
            String id = Webhooks.newId();
            Webhooks.send(id, KafkaPublishTest.visitorAt(visitor, "2026-11-24T10:00:00Z"))
                    .then()
                    .statusCode(202);
            Thread.sleep(3000);
            assertThat(metrics.partitionsLed())
                    .as("no partition led while the old leader leads")
                    .isZero();
            assertThat(unpublished(id)).isTrue();

            // it stops: its lease runs out now, what it sent is quiet a few seconds later
            try (PreparedStatement ps = oldLeader.prepareStatement("""
                    INSERT INTO relay_lease (id, holder, expires_at, quiet_at)
                    VALUES (true, 'previous version', now(), now() + ? * interval '1 millisecond')
                    ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
                                                   quiet_at = excluded.quiet_at""")) {
                ps.setLong(1, OLD_LEADER_QUIET.toMillis());
                ps.executeUpdate();
            }
            long stoppedAt = System.currentTimeMillis();
            oldLeader.close();

            var records = KafkaRecords.readKey(
                    KafkaPublishTest.TOPICS, visitor, seen -> !seen.isEmpty(), Duration.ofSeconds(60));
            assertThat(KafkaRecords.distinctIds(records)).containsExactly(id);
            assertThat(records.get(0).timestamp() - stoppedAt)
                    .as("published once the old leader is quiet")
                    .isGreaterThanOrEqualTo(OLD_LEADER_QUIET.toMillis() - 100);
            assertThat(metrics.partitionsLed()).isEqualTo(OutboxRelay.PARTITIONS);
        } finally {
            if (relay != null) {
                relay.stop();
            }
            serviceRelay.start();
        }
    }

    private boolean unpublished(String webhookId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*) FROM outbox_event WHERE webhook_id = ? AND published_at IS NULL")) {
            ps.setString(1, webhookId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }
}
