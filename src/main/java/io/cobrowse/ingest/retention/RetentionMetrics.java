package io.cobrowse.ingest.retention;

import io.cobrowse.ingest.metrics.Histograms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Rows removed per kind, the time their batches took (rows per second of work, against the ingest rate), and
 * runs that ran out of time with rows left: retention falling behind.
 */
@ApplicationScoped
// created at start-up, so that the series exist (at zero) before the first batch, for dashboards and alerts
@Startup
public class RetentionMetrics {

    private final Map<Retained, Counter> rows = new EnumMap<>(Retained.class);
    private final Map<Retained, Timer> batches = new EnumMap<>(Retained.class);
    private final Counter unfinished;

    public RetentionMetrics(MeterRegistry registry) {
        for (Retained kind : Retained.values()) {
            rows.put(
                    kind,
                    Counter.builder("cobrowse.retention.rows")
                            .tag("kind", kind.label)
                            .description("Rows removed by retention: raw bodies dropped, webhook rows and published"
                                    + " outbox records deleted")
                            .register(registry));
            batches.put(
                    kind,
                    Histograms.timer("cobrowse.retention.batch")
                            .tag("kind", kind.label)
                            .description("Retention's batches, each a short transaction of its own")
                            .register(registry));
        }
        unfinished = Counter.builder("cobrowse.retention.runs.unfinished")
                .description("Retention runs that ran out of their time budget with rows left (the next run goes on)")
                .register(registry);
    }

    /** A batch of the given kind, and the raw bodies it dropped along the way (see {@link Retained#PUBLISHED}). */
    void batch(Retained kind, long removed, long bodies, long nanos) {
        rows.get(kind).increment(removed);
        rows.get(Retained.RAW_BODIES).increment(bodies);
        batches.get(kind).record(nanos, TimeUnit.NANOSECONDS);
    }

    void unfinished() {
        unfinished.increment();
    }
}
