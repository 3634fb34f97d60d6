package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The leader's lock lives apart from the writers' per-visitor locks: a visitor whose lock key (a 64-bit
 * hash) happens to equal the leader's number is not blocked by the publishing replica.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class LeaderLockTest {

    /** "cobrowse" in ASCII: the leader's number unless configured otherwise. */
    private static final long DEFAULT_LEADER_LOCK = 0x636f62726f777365L;

    @Inject
    OutboxMetrics metrics;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aVisitorLockWithTheLeadersNumberIsNotHeldUpByTheLeader() throws Exception {
        Relays.await("the service's relay leads", Duration.ofSeconds(60), metrics::isLeader);
        long leaderLock = ConfigProvider.getConfig()
                .getOptionalValue("cobrowse.relay.leader-lock", Long.class)
                .orElse(DEFAULT_LEADER_LOCK);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            // the writers' statement takes pg_advisory_xact_lock(hashtextextended(visitor, 0)): a bigint
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                ps.setLong(1, leaderLock);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1))
                            .as("a visitor lock with the leader's number is free")
                            .isTrue();
                }
            } finally {
                c.rollback();
            }
        }
        assertThat(metrics.isLeader()).isTrue();
    }
}
