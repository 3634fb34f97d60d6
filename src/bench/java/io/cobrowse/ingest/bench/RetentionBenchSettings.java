package io.cobrowse.ingest.bench;

/**
 * The retention benchmark ({@code -Dbench.mode=retention}), from system properties: {@code bench.retention.rounds}
 * (each round runs the peak step once with retention at work and once without, in alternating order),
 * {@code bench.retention.seconds} (the measured window of each run: several of the job's 15-second periods, so that
 * it holds the job's work at its steady rate rather than one burst or one pause), {@code bench.retention.drain}
 * (rows of each kind removed at rest first, to measure the job's own rates; 0 for none). The peak step is the
 * highest of {@code bench.steps}, after the usual warm-up.
 */
record RetentionBenchSettings(int rounds, int seconds, int drain) {

    static RetentionBenchSettings fromSystemProperties() {
        int rounds = Integer.getInteger("bench.retention.rounds", 3);
        int seconds = Integer.getInteger("bench.retention.seconds", 45);
        int drain = Integer.getInteger("bench.retention.drain", 200_000);
        if (rounds < 1 || rounds > 10) {
            throw new IllegalArgumentException("bench.retention.rounds must be between 1 and 10");
        }
        if (seconds < 15 || seconds > 300) {
            throw new IllegalArgumentException("bench.retention.seconds must be between 15 and 300");
        }
        return new RetentionBenchSettings(rounds, seconds, Math.max(0, drain));
    }
}
