package io.cobrowse.ingest.bench;

import java.util.Arrays;

/**
 * Latency samples in microseconds, kept whole (a step holds at most a few hundred thousand), so
 * percentiles are exact rather than bucketed. Not thread-safe: one instance per thread, combined by
 * {@link #merge} once the threads are done.
 */
final class Latencies {

    private long[] micros = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == micros.length) {
            micros = Arrays.copyOf(micros, size * 2);
        }
        micros[size++] = Math.max(0, nanos / 1000);
    }

    static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies p : parts) {
            for (int i = 0; i < p.size; i++) {
                all.add(p.micros[i] * 1000);
            }
        }
        Arrays.sort(all.micros, 0, all.size);
        return all;
    }

    /** The percentile in milliseconds of merged (sorted) samples, or NaN when there are none. */
    double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * size) - 1;
        return micros[Math.max(0, Math.min(size - 1, index))] / 1000.0;
    }

    double maxMillis() {
        return size == 0 ? Double.NaN : micros[size - 1] / 1000.0;
    }
}
