package io.cobrowse.ingest.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** What liveness learns from a loop: nothing while it comes round, a problem once it ends or stops coming round. */
class BackgroundLoopTest {

    private static final Duration STALE_AFTER = Duration.ofMillis(500);

    @Test
    void aLoopThatComesRoundHasNoProblemAndAStoppedOneIsNoLongerListed() throws Exception {
        BackgroundLoop loop = BackgroundLoop.start("beating-loop", l -> {
            while (l.running()) {
                Thread.sleep(20);
            }
        });
        Thread.sleep(STALE_AFTER.toMillis() * 2);
        assertThat(loop.problem(STALE_AFTER)).isNull();
        assertThat(BackgroundLoop.all()).contains(loop);
        loop.stop(Duration.ofSeconds(5));
        assertThat(BackgroundLoop.all()).doesNotContain(loop);
    }

    @Test
    void aLoopStuckWithoutAHeartbeatIsReportedStale() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BackgroundLoop loop = BackgroundLoop.start("stuck-loop", l -> {
            l.running();
            release.await();
        });
        try {
            Thread.sleep(STALE_AFTER.toMillis() * 3);
            assertThat(loop.problem(STALE_AFTER)).startsWith("no heartbeat for");
        } finally {
            release.countDown();
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void aLoopThatEndedByItselfIsReportedWithWhatEndedIt() throws Exception {
        BackgroundLoop loop = BackgroundLoop.start("failing-loop", l -> {
            throw new IllegalStateException("injected");
        });
        try {
            while (loop.isAlive()) {
                Thread.sleep(10);
            }
            assertThat(loop.problem(STALE_AFTER)).isEqualTo("ended unexpectedly (java.lang.IllegalStateException)");
        } finally {
            loop.stop(Duration.ZERO);
        }
    }
}
