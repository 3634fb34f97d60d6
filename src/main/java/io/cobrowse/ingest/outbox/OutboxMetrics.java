package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.metrics.Histograms;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Publish latency and failures, the outbox backlog, and what the relay and the topic check know of Kafka. */
@ApplicationScoped
public class OutboxMetrics {

    private final Timer publishLatency;
    private final Counter publishFailures;
    private final AtomicLong backlogRows = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    private final AtomicLong parkedRows = new AtomicLong();
    private final AtomicInteger partitionsLed = new AtomicInteger();
    private final AtomicLong topicProblems = new AtomicLong();
    private volatile Instant lastPublished;
    private volatile Instant lastFailure;

    public OutboxMetrics(MeterRegistry registry) {
        Gauge.builder("cobrowse.topics.misconfigured", topicProblems, AtomicLong::get)
                .description("Problems found with the service's topics (missing, visitors not compacted): "
                        + "nothing is published while it is above 0")
                .register(registry);
        publishLatency = Histograms.timer("cobrowse.outbox.publish.latency")
                .description("Time from the webhook's acknowledgement to Kafka's acknowledgement of its event")
                .register(registry);
        publishFailures = Counter.builder("cobrowse.outbox.publish.failures")
                .description("Sends to Kafka that failed and will be retried")
                .register(registry);
        Gauge.builder("cobrowse.outbox.backlog.rows", backlogRows, AtomicLong::get)
                .description("Outbox rows not yet published")
                .register(registry);
        Gauge.builder("cobrowse.outbox.backlog.oldest.age", oldestAgeSeconds, AtomicLong::get)
                .baseUnit("seconds")
                .description("Age of the oldest unpublished outbox row")
                .register(registry);
        Gauge.builder("cobrowse.outbox.parked.rows", parkedRows, AtomicLong::get)
                .description("Outbox rows Kafka refused for good: each holds back the later rows of its key")
                .register(registry);
        Gauge.builder("cobrowse.outbox.relay.leader", partitionsLed, p -> p.get() > 0 ? 1 : 0)
                .description("1 on a replica whose relay publishes (leads a partition of the outbox)")
                .register(registry);
        Gauge.builder("cobrowse.outbox.relay.partitions", partitionsLed, AtomicInteger::get)
                .description("Partitions of the visitor key whose records this replica's relay publishes (of "
                        + OutboxRelay.PARTITIONS + ")")
                .register(registry);
    }

    void published(OutboxRow row) {
        Instant now = Instant.now();
        lastPublished = now;
        publishLatency.record(Duration.between(row.createdAt(), now));
    }

    void failed() {
        lastFailure = Instant.now();
        publishFailures.increment();
    }

    void topicProblems(int count) {
        topicProblems.set(count);
    }

    void partitionsLed(int partitions) {
        partitionsLed.set(partitions);
    }

    void backlog(long rows, long oldestSeconds, long parked) {
        backlogRows.set(rows);
        oldestAgeSeconds.set(oldestSeconds);
        parkedRows.set(parked);
    }

    public boolean isLeader() {
        return partitionsLed.get() > 0;
    }

    public int partitionsLed() {
        return partitionsLed.get();
    }

    public Instant lastPublished() {
        return lastPublished;
    }

    public Instant lastFailure() {
        return lastFailure;
    }

    public long backlogRows() {
        return backlogRows.get();
    }

    public long parkedRows() {
        return parkedRows.get();
    }
}
