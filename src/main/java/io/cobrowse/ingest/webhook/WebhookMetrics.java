package io.cobrowse.ingest.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.cobrowse.ingest.event.ParsedEvent;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Webhooks received, by event type and outcome; how long they wait for a commit group, and the groups. */
@ApplicationScoped
public class WebhookMetrics {

    private static final String NAME = "cobrowse.webhooks.received";

    private final MeterRegistry registry;
    private final Timer waited;
    private final Timer group;
    private final DistributionSummary groupSize;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.waited = Timer.builder("cobrowse.writer.wait")
                .description("From a webhook's arrival to the start of the transaction of its group")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.group = Timer.builder("cobrowse.writer.group")
                .description("One group's transaction, statements and commit")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.groupSize = DistributionSummary.builder("cobrowse.writer.group.size")
                .description("Webhooks committed together")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    void groupStarted(Instant receivedAt, Instant now) {
        waited.record(Duration.between(receivedAt, now));
    }

    void groupCommitted(int size, long nanos) {
        group.record(nanos, TimeUnit.NANOSECONDS);
        groupSize.record(size);
    }

    /** A request refused before its body was read as an event (413, 415, 401). */
    void rejected(int status) {
        registry.counter(NAME, "type", "unknown", "outcome", String.valueOf(status)).increment();
    }

    void received(ParsedEvent event, WebhookResult.Kind outcome) {
        // unknown types are kept under one tag, so a sender cannot grow the metric without bound
        String type = event == null ? "unknown"
                : event.knownType().map(t -> t.wireName()).orElse("other");
        registry.counter(NAME, "type", type, "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }
}
