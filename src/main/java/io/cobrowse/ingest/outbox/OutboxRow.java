package io.cobrowse.ingest.outbox;

import java.time.Instant;

/** An unpublished outbox row as the relay reads it. */
record OutboxRow(
        long id,
        String webhookId,
        String topic,
        String messageKey,
        String ceType,
        String ceSubject,
        Instant ceTime,
        String payload,
        Instant createdAt,
        String visitorKey) {

    OutboxRow withPayload(String current) {
        return new OutboxRow(
                id, webhookId, topic, messageKey, ceType, ceSubject, ceTime, current, createdAt, visitorKey);
    }
}
