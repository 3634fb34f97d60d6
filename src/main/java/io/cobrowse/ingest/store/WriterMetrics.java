package io.cobrowse.ingest.store;

import io.cobrowse.ingest.metrics.Histograms;
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
        // histograms rather than percentiles computed in each replica: Prometheus adds up buckets across replicas
        this.waited = Histograms.timer("cobrowse.writer.wait")
                .description("From a webhook's arrival to the start of the transaction of its group")
                .register(registry);
        this.group = Histograms.timer("cobrowse.writer.group")
                .description("One group's transaction, statements and commit")
                .register(registry);
        this.groupSize = DistributionSummary.builder("cobrowse.writer.group.size")
                .description("Webhooks committed together")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(1000.0)
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
