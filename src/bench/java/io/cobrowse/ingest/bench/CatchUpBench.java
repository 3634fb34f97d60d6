package io.cobrowse.ingest.bench;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

/**
 * The relays' catch-up after a Kafka outage, in the same run: the broker is frozen (SIGSTOP, so that its
 * connections hang as they do when a broker or its network fails, rather than being refused), records pile
 * up in the outbox while the relay's sends time out and it backs off, then the broker resumes (SIGCONT) and
 * the relay is timed from that moment until the backlog is empty. Only a broker this run started can be
 * frozen; with an external Kafka the measurement is left out.
 */
final class CatchUpBench {

    /** Longer than the producer's delivery time-out (20 s): the relay's round has failed and it backs off. */
    static final Duration OUTAGE = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final BenchInfra infra;

    CatchUpBench(BenchInfra infra) {
        this.infra = infra;
    }

    /**
     * The measurement, or null when the broker is not this run's.
     *
     * @param relays the replicas whose relays share the outbox now
     */
    CatchUpResult run(String runId, int records, int relays) throws Exception {
        long broker =
                infra.localDir.map(d -> CpuSampler.kafkaPid(d.resolve("kafka"))).orElse(-1L);
        if (broker < 0) {
            System.out.println("Catch-up: left out, the broker is not one this run started");
            return null;
        }
        System.out.printf(
                "Catch-up, %d relay(s): Kafka stopped for %d s while %d records are written ...%n",
                relays, OUTAGE.toSeconds(), records);
        long stoppedAt = System.nanoTime();
        signal("STOP", broker);
        ReplaySeed.Seeded seed;
        try {
            seed = ReplaySeed.write(infra.jdbcUrl, infra.user, infra.password, runId + "c", records);
            Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - stoppedAt) / 1_000_000));
        } finally {
            signal("CONT", broker);
        }
        long resumed = System.nanoTime();
        double outage = (resumed - stoppedAt) / 1e9;
        Double firstSeconds = null;
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl, infra.user, infra.password)) {
            for (long left = ReplaySeed.unpublished(c, seed); left > 0; left = ReplaySeed.unpublished(c, seed)) {
                if (firstSeconds == null && left < records) {
                    firstSeconds = seconds(resumed);
                }
                if (System.nanoTime() - resumed > TIMEOUT.toNanos()) {
                    throw new IOException(
                            "gave up waiting for the relay to catch up after " + TIMEOUT.toMinutes() + " minutes");
                }
                Thread.sleep(POLL.toMillis());
            }
        }
        double emptySeconds = seconds(resumed);
        CatchUpResult result = new CatchUpResult(
                relays,
                records,
                seed.visitors(),
                outage,
                firstSeconds == null ? emptySeconds : firstSeconds,
                emptySeconds);
        System.out.printf("Catch-up, %d relay(s): %.0f records/s%n", relays, result.rate());
        return result;
    }

    private static void signal(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid))
                .inheritIO()
                .start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + pid + " failed");
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
