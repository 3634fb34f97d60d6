package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.infra.LocalInfra;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.reactive.messaging.kafka.Record;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Relays of other replicas, started by tests beside (or instead of) the service's own. */
final class Relays {

    private Relays() {}

    /** A relay as another replica runs it, with metrics of its own so a test can tell who leads. */
    static OutboxRelay start(
            Emitter<Record<String, String>> emitter,
            IngestConfig config,
            OutboxMetrics metrics,
            TopicSetup topics,
            String jdbcUrl) {
        // the second replica's producer has the same time-outs as the service's (test profile)
        Config producer = ConfigProvider.getConfig();
        OutboxRelay relay = new OutboxRelay(
                emitter,
                config,
                metrics,
                topics,
                jdbcUrl,
                LocalInfra.USER,
                LocalInfra.PASSWORD,
                producer.getValue("mp.messaging.outgoing.cobrowse-events.delivery.timeout.ms", Long.class),
                producer.getValue("mp.messaging.outgoing.cobrowse-events.max.block.ms", Long.class));
        relay.start();
        return relay;
    }

    static OutboxMetrics ownMetrics() {
        return new OutboxMetrics(new SimpleMeterRegistry());
    }

    /** Polls until the condition holds; fails with the description after the deadline. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(200);
        }
    }
}
