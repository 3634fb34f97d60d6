package io.cobrowse.ingest.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the load until throughput stops rising, before anything is measured. A fresh JVM compiles
 * its hot code over the first thousands of requests; at a few hundred requests per second that takes
 * a minute or more, and measuring earlier would report the compiler rather than the service.
 */
final class WarmUp {

    static final Duration SLICE = Duration.ofSeconds(5);
    /** Slices compared at a time: single 5-second slices are too noisy to judge. */
    private static final int SPAN = 3;
    /** The last span at most this much faster than the one before means the rate has levelled off. */
    private static final double STILL_RISING = 1.03;
    /**
     * The shortest warm-up, whatever the rate does: on two busy cores the JIT compiler of a fresh
     * service JVM works for two minutes and more, and while it does the rate can stall before rising again.
     */
    static final Duration MIN = Duration.ofSeconds(120);

    private WarmUp() {
    }

    /** Prints the rate of each slice as a {@link DriverProtocol#WARMUP} line. */
    static void run(ClosedLoop load, String mode, int concurrency, Duration max) throws InterruptedException {
        List<Double> rates = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        long earliestEnd = start + Math.min(MIN.toNanos(), max.toNanos());
        while (System.nanoTime() + SLICE.toNanos() <= deadline) {
            double rate = load.run(mode, concurrency, Duration.ZERO, SLICE, false).acceptedPerSecond();
            System.out.println(String.format(Locale.ROOT, "%s %.1f", DriverProtocol.WARMUP, rate));
            rates.add(rate);
            if (System.nanoTime() >= earliestEnd && levelledOff(rates)) {
                break;
            }
        }
    }

    private static boolean levelledOff(List<Double> rates) {
        int n = rates.size();
        return n >= 2 * SPAN
                && mean(rates.subList(n - SPAN, n)) <= STILL_RISING * mean(rates.subList(n - 2 * SPAN, n - SPAN));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }
}
