package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.event.OutboundSchemas;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Builds the Kafka message of an outbox row: CloudEvents 1.0 in binary mode, keyed by visitor. */
final class CloudEventMessages {

    static final URI SOURCE = URI.create("/webhooks/cobrowse");
    static final String JSON = "application/json";

    private CloudEventMessages() {}

    /**
     * @param sent completed when Kafka acknowledged the record, completed exceptionally when the send failed
     */
    static Message<Record<String, String>> of(OutboxRow row, CompletableFuture<Void> sent) {
        var cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(row.webhookId())
                .withSource(SOURCE)
                .withType(row.ceType())
                .withSubject(row.ceSubject())
                .withTimestamp(row.ceTime().atZone(ZoneOffset.UTC));
        if (row.payload() != null) {
            // absent on tombstones
            cloudEvent.withDataContentType(JSON).withDataSchema(OutboundSchemas.forCeType(row.ceType()));
        }
        var kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(row.topic())
                .withKey(row.messageKey())
                .build();
        return Message.of(
                Record.of(row.messageKey(), row.payload()),
                Metadata.of(kafka, cloudEvent.build()),
                () -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    sent.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
    }
}
