package io.cobrowse.ingest.store;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** How long webhooks wait for a commit group, how long a group's transaction takes, and how many it holds. */
@ApplicationScoped
public class WriterMetrics {

    private final Timer waited;
    private final Timer group;
    private final DistributionSummary groupSize;

    public WriterMetrics(MeterRegistry registry) {
        this.waited = Timer.builder("cobrowse.writer.wait")
                .description("From a webhook's arrival to the start of the transaction of its group")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.group = Timer.builder("cobrowse.writer.group")
                .description("One group's transaction, statements and commit")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.groupSize = DistributionSummary.builder("cobrowse.writer.group.size")
                .description("Webhooks committed together")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }

    void groupStarted(Instant receivedAt, Instant now) {
        waited.record(Duration.between(receivedAt, now));
    }

    void groupCommitted(int size, long nanos) {
        group.record(nanos, TimeUnit.NANOSECONDS);
        groupSize.record(size);
    }
}
