package io.cobrowse.ingest.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run does, from system properties with defaults sized for a small machine:
 * {@code bench.steps} (concurrency levels), {@code bench.seconds} (measured seconds per step),
 * {@code bench.warmup.seconds} (the longest warm-up; after two minutes it ends once throughput levels
 * off and the service's JIT compiler is quiet, see {@link WarmUp}), {@code bench.visitors},
 * {@code bench.replay.records} (records of the replay measurement, {@link ReplayBench}; 0 leaves it out) and
 * {@code bench.replay.only} (the replay measurement alone, without the load steps and the baselines), and
 * {@code bench.catchup.records} (the backlog of the catch-up after a Kafka outage, {@link CatchUpBench}; 0 leaves
 * it out), and {@code bench.runs} (how many times the whole run is repeated; with more than one, the targets are
 * judged on their medians, {@link TargetMedians}).
 */
public record BenchSettings(
        List<Integer> steps,
        int seconds,
        int warmupSeconds,
        int visitors,
        int replayRecords,
        boolean replayOnly,
        int catchUpRecords,
        int runs) {

    public static BenchSettings fromSystemProperties() {
        List<Integer> steps = Arrays.stream(
                        System.getProperty("bench.steps", "1,4,8,16,32,64,128").split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(Integer::valueOf)
                .sorted()
                .distinct()
                .toList();
        int seconds = Integer.getInteger("bench.seconds", 8);
        int warmup = Integer.getInteger("bench.warmup.seconds", 600);
        int visitors = Integer.getInteger("bench.visitors", 20_000);
        if (steps.isEmpty() || steps.get(0) < 1 || steps.get(steps.size() - 1) > 256) {
            throw new IllegalArgumentException("bench.steps must be concurrency levels between 1 and 256");
        }
        if (seconds < 1 || seconds > 120) {
            throw new IllegalArgumentException("bench.seconds must be between 1 and 120");
        }
        int replayRecords = Integer.getInteger("bench.replay.records", 100_000);
        boolean replayOnly = Boolean.getBoolean("bench.replay.only");
        if (replayRecords < 0 || (replayOnly && replayRecords == 0)) {
            throw new IllegalArgumentException("bench.replay.records must be positive (0 leaves the replay out)");
        }
        int catchUpRecords = Integer.getInteger("bench.catchup.records", 50_000);
        if (catchUpRecords < 0) {
            throw new IllegalArgumentException("bench.catchup.records must not be negative (0 leaves it out)");
        }
        int runs = Integer.getInteger("bench.runs", 1);
        if (runs < 1 || runs > 9) {
            throw new IllegalArgumentException("bench.runs must be between 1 and 9");
        }
        return new BenchSettings(
                steps,
                seconds,
                Math.max(0, Math.min(warmup, 600)),
                Math.max(100, visitors),
                replayRecords,
                replayOnly,
                catchUpRecords,
                runs);
    }
}
