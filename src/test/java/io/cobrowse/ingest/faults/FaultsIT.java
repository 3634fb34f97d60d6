package io.cobrowse.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.infra.TcpProxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The fault suite (./mvnw verify -Pfaults): the packaged service under signed load while a process, a
 * server or a connection fails, one scenario after another. After each, from outside: every acknowledged
 * webhook is stored once and published, in order per visitor, and nothing else is published. The
 * figures go to target/faults/results.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(FaultsIT.NotRun.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class FaultsIT {

    /** How soon another replica must publish a replica's visitors once its database connection is silently cut. */
    static final Duration TAKEOVER_DEADLINE = Duration.ofSeconds(60);
    /** How long a server stays down in a restart. */
    private static final Duration DOWN = Duration.ofSeconds(5);
    /** How long a kill or a stop waits for a request under way, so that it cuts one off. */
    private static final Duration IN_FLIGHT = Duration.ofSeconds(2);

    private static FaultInfra infra;
    private static ResultsFile results;

    @BeforeAll
    static void start() throws Exception {
        results = new ResultsFile(FaultInfra.WORK.resolve("results.md"));
        infra = FaultInfra.start();
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("1. service SIGKILLed, restarted")
    void serviceKilledMidLoad(TestInfo test) throws Exception {
        try (Cluster cluster = Cluster.start(infra, "kill", 1)) {
            check(test.getDisplayName(), cluster, (c, load) -> {
                ServiceReplica service = c.replica(0);
                load.awaitRequestInFlight(service.port(), IN_FLIGHT);
                service.kill();
                long at = System.nanoTime();
                service.startAgain();
                service.awaitReady(Cluster.READY);
                return at;
            });
        }
    }

    @Test
    @Order(2)
    @DisplayName("2. PostgreSQL restarted")
    void postgresRestartedMidLoad(TestInfo test) throws Exception {
        try (Cluster cluster = Cluster.start(infra, "pg", 1)) {
            check(test.getDisplayName(), cluster, (c, load) -> {
                load.awaitRequestInFlight(c.replica(0).port(), IN_FLIGHT);
                infra.postgres().stop();
                long at = System.nanoTime();
                Thread.sleep(DOWN.toMillis());
                infra.postgres().startAgain();
                return at;
            });
        }
    }

    @Test
    @Order(3)
    @DisplayName("3. Kafka restarted")
    void kafkaRestartedMidLoad(TestInfo test) throws Exception {
        try (Cluster cluster = Cluster.start(infra, "kafka", 1)) {
            check(test.getDisplayName(), cluster, (c, load) -> {
                // the broker's controlled shutdown takes a while: the fault is when it is gone
                infra.kafka().close();
                long at = System.nanoTime();
                Thread.sleep(DOWN.toMillis());
                infra.kafka().startAgain();
                return at;
            });
        }
    }

    @Test
    @Order(4)
    @DisplayName("4. a publishing replica SIGKILLed, 2 replicas sharing the relay")
    void leaderKilledMidLoad(TestInfo test) throws Exception {
        try (Cluster cluster = Cluster.start(infra, "leader", 2)) {
            check(test.getDisplayName(), cluster, (c, load) -> {
                ServiceReplica leader = c.awaitSplitLeadership(Cluster.READY);
                load.awaitRequestInFlight(leader.port(), IN_FLIGHT);
                leader.kill();
                return System.nanoTime();
            });
        }
    }

    /**
     * PostgreSQL keeps a session whose client went silent (here, as long as the cut lasts), and with it the
     * relay's advisory locks: the other replica takes its partitions over once their leases have run out,
     * ending that session, and publishes within the deadline. It keeps acknowledging meanwhile.
     */
    @Test
    @Order(5)
    @DisplayName("5. a publishing replica's database connection silently cut, 2 replicas")
    void leaderCutOffSilently(TestInfo test) throws Exception {
        try (Cluster cluster = Cluster.start(infra, "blackhole", 2)) {
            Figures f = check(test.getDisplayName(), cluster, (c, load) -> {
                TcpProxy leaderDatabase = c.databaseProxyOf(c.awaitSplitLeadership(Cluster.READY));
                long at = System.nanoTime();
                leaderDatabase.blackhole();
                return at;
            });
            assertThat(f.allResumedAfterSeconds())
                    .as("another replica publishes the cut one's visitors within " + TAKEOVER_DEADLINE)
                    .isLessThanOrEqualTo((double) TAKEOVER_DEADLINE.toSeconds());
        }
    }

    private static Figures check(String scenario, Cluster cluster, Scenario.Fault fault) throws Exception {
        Figures f = Scenario.run(scenario, infra, cluster, fault);
        results.add(scenario, f);
        assertThat(f.examples())
                .as(scenario + ": lost, invented, not stored or out of order")
                .isEmpty();
        assertThat(f.attempts().other())
                .as(scenario + ": answers other than 200, 202 and 503")
                .isZero();
        assertThat(f.passed()).as(scenario + ": " + f).isTrue();
        assertThat(f.resumedAfterSeconds())
                .as(scenario + ": publication resumed after the fault")
                .isNotNull();
        return f;
    }

    /** Puts a disabled scenario in the table too, with its reason. */
    static final class NotRun implements TestWatcher {
        @Override
        public void testDisabled(ExtensionContext context, Optional<String> reason) {
            if (results != null) {
                results.notRun(context.getDisplayName(), reason.orElse("disabled"));
            }
        }
    }
}
