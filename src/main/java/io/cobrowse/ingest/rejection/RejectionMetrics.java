package io.cobrowse.ingest.rejection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How the buffered refusals reach the database: the writes, the rows written and those dropped unwritten.
 * Registered at start-up, so that they show (at zero) before the first refusal.
 */
@Startup
@ApplicationScoped
public class RejectionMetrics {

    static final String FLUSHES = "cobrowse.rejections.flushes";

    private final Counter flushes;
    private final Counter written;
    private final Counter dropped;

    public RejectionMetrics(MeterRegistry registry) {
        this.flushes = Counter.builder(FLUSHES)
                .description("Writes of buffered refusals, one statement each, at most one a second per replica")
                .register(registry);
        this.written = Counter.builder("cobrowse.rejections.written")
                .description("Refused requests written to the database")
                .register(registry);
        this.dropped = Counter.builder("cobrowse.rejections.dropped")
                .description("Refused requests dropped unwritten: the buffer was full, or the database refused them")
                .register(registry);
    }

    void flushed(int rows) {
        flushes.increment();
        written.increment(rows);
    }

    void dropped(int rows) {
        dropped.increment(rows);
    }
}
