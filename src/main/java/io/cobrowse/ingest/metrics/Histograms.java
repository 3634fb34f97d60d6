package io.cobrowse.ingest.metrics;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Timers published as histograms: Prometheus adds up the buckets of every replica and computes a quantile over the
 * fleet ({@code histogram_quantile}), which percentiles computed inside each replica do not allow.
 */
public final class Histograms {

    /** The range the buckets cover; a longer time still counts, in the last bucket. */
    static final Duration SHORTEST = Duration.ofMillis(1);

    static final Duration LONGEST = Duration.ofSeconds(60);

    private Histograms() {}

    public static Timer.Builder timer(String name) {
        return Timer.builder(name)
                .publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST)
                .maximumExpectedValue(LONGEST);
    }
}
