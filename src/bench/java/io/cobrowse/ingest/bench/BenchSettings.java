package io.cobrowse.ingest.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run does, from system properties with defaults sized for a small machine:
 * {@code bench.steps} (concurrency levels), {@code bench.seconds} (measured seconds per step),
 * {@code bench.warmup.seconds} (the longest warm-up; after two minutes it ends once throughput levels
 * off and the service's JIT compiler is quiet, see {@link WarmUp}), {@code bench.visitors}.
 */
public record BenchSettings(List<Integer> steps, int seconds, int warmupSeconds, int visitors) {

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
        return new BenchSettings(steps, seconds, Math.max(0, Math.min(warmup, 600)), Math.max(100, visitors));
    }
}
