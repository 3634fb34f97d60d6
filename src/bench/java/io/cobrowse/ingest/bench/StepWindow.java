package io.cobrowse.ingest.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The time line of one step: warm-up, then the measured window. The driver announces the window's
 * start and end on its output, so the benchmark can sample CPU and memory at those moments.
 */
final class StepWindow {

    /** The most requests one sender sends in a step, whatever the duration: a bound besides time. */
    static final long MAX_REQUESTS = 2_000_000;

    final long start;
    final long measureFrom;
    final long end;
    private final String label;

    StepWindow(String label, Duration warmup, Duration measured) {
        this.label = label;
        this.start = System.nanoTime();
        this.measureFrom = start + warmup.toNanos();
        this.end = measureFrom + measured.toNanos();
    }

    boolean measures(long completedAt) {
        return completedAt >= measureFrom && completedAt < end;
    }

    double measuredSeconds() {
        return (end - measureFrom) / 1e9;
    }

    /** Sleeps through the step, announcing the measured window. */
    void announce() {
        sleepUntil(measureFrom);
        System.out.println(DriverProtocol.WINDOW_START + " " + label);
        sleepUntil(end);
        System.out.println(DriverProtocol.WINDOW_END + " " + label);
    }

    static void sleepUntil(long nanoTime) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
