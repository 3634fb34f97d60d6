package io.cobrowse.ingest.health;

import io.cobrowse.ingest.outbox.OutboxMetrics;
import io.cobrowse.ingest.outbox.TopicSetup;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports what the relay knows of Kafka. Always UP: a Kafka outage only grows the outbox, and
 * webhooks are still accepted, so it must never take the service out of rotation.
 */
@Readiness
public class KafkaHealthCheck implements HealthCheck {

    private final OutboxMetrics relay;
    private final TopicSetup topics;

    public KafkaHealthCheck(OutboxMetrics relay, TopicSetup topics) {
        this.relay = relay;
        this.topics = topics;
    }

    @Override
    public HealthCheckResponse call() {
        Instant published = relay.lastPublished();
        Instant failed = relay.lastFailure();
        boolean publishing = failed == null || (published != null && published.isAfter(failed));
        HealthCheckResponseBuilder b = HealthCheckResponse.named("kafka (informational)")
                .up()
                .withData("publishing", publishing)
                .withData("relayLeader", relay.isLeader())
                .withData("relayPartitions", relay.partitionsLed())
                .withData("outboxBacklog", relay.backlogRows())
                .withData("parkedRows", relay.parkedRows())
                .withData("topicsReady", topics.ready());
        if (!topics.problems().isEmpty()) {
            // the relay publishes nothing until these are fixed
            b.withData("topicProblems", String.join("; ", topics.problems()));
        }
        if (published != null) {
            b.withData("lastPublished", published.toString());
        }
        if (failed != null) {
            b.withData("lastFailure", failed.toString());
        }
        return b.build();
    }
}
