package io.cobrowse.ingest.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the load until throughput stops rising and, for the service, until its JIT compiler has gone
 * quiet, before anything is measured. A fresh JVM compiles its hot code over the first thousands of
 * requests; at a few hundred requests per second that takes a minute or more, and the optimising
 * compiler goes on for minutes after the rate has levelled off (on two busy cores it had a third of
 * a core or more through every step of a run that stopped warming up there). Measuring earlier would
 * report the compiler rather than the service a long-running deployment is.
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
    /** The compiler counts as quiet below this share of one core over a slice. */
    static final double JIT_QUIET_PERCENT = 10;

    private WarmUp() {}

    /**
     * Prints the rate of each slice, and the JIT compiler's share of a core in it when the process to
     * watch is given, as a {@link DriverProtocol#WARMUP} line.
     *
     * @param jitPid the service's process, whose compiler threads must go quiet; null for none
     */
    static void run(ClosedLoop load, String mode, int concurrency, Duration max, Long jitPid)
            throws InterruptedException {
        List<Double> rates = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        long earliestEnd = start + Math.min(MIN.toNanos(), max.toNanos());
        while (System.nanoTime() + SLICE.toNanos() <= deadline) {
            Map<String, Long> ticksBefore = threadTicks(jitPid);
            long sliceStart = System.nanoTime();
            double rate =
                    load.run(mode, concurrency, Duration.ZERO, SLICE, false).acceptedPerSecond();
            double jitPercent = jitPid == null
                    ? 0
                    : ServiceThreads.pctBetween(
                                    ticksBefore, threadTicks(jitPid), (System.nanoTime() - sliceStart) / 1e9)
                            .get("jit");
            System.out.println(String.format(Locale.ROOT, "%s %.1f %.1f", DriverProtocol.WARMUP, rate, jitPercent));
            rates.add(rate);
            if (System.nanoTime() >= earliestEnd && levelledOff(rates) && jitPercent < JIT_QUIET_PERCENT) {
                break;
            }
        }
    }

    private static Map<String, Long> threadTicks(Long pid) {
        return pid == null ? Map.of() : ServiceThreads.ticksByKind(pid);
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
