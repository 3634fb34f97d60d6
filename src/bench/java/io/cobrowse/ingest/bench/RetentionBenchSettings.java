package io.cobrowse.ingest.bench;

/**
 * The retention benchmark ({@code -Dbench.mode=retention}), from system properties: {@code bench.retention.rounds}
 * (each round runs the peak step once with retention at work and once without, in alternating order),
 * {@code bench.retention.aged} (webhooks already past the short retentions, with their published records, put
 * into the database before each run, so that the job has work from its first run on), {@code
 * bench.retention.drain} (rows of each kind removed at rest first, to measure the job's own rates; 0 for none).
 * The peak step is the highest of {@code bench.steps}, {@code bench.seconds} long, after the usual warm-up.
 */
record RetentionBenchSettings(int rounds, int aged, int drain) {

    static RetentionBenchSettings fromSystemProperties() {
        int rounds = Integer.getInteger("bench.retention.rounds", 3);
        int aged = Integer.getInteger("bench.retention.aged", 80_000);
        int drain = Integer.getInteger("bench.retention.drain", 200_000);
        if (rounds < 1 || rounds > 10) {
            throw new IllegalArgumentException("bench.retention.rounds must be between 1 and 10");
        }
        return new RetentionBenchSettings(rounds, Math.max(0, aged), Math.max(0, drain));
    }
}
