package io.cobrowse.ingest.jobs;

import java.time.Instant;

/**
 * A live outbox row a replay copies, as read in the copy step.
 *
 * @param taken whether the step's byte budget holds it (its payload is read only then)
 * @param erasedThrough the erasure of its visitor, or null: a record not after it loses its personal data
 */
record ReplayRecord(
        long id,
        String webhookId,
        String topic,
        String messageKey,
        String ceType,
        String ceSubject,
        Instant ceTime,
        String visitorKey,
        String payload,
        boolean taken,
        Instant erasedThrough) {

    /** The Kafka key this record goes out under, with the visitor whose lock orders it. */
    KafkaKey key() {
        return new KafkaKey(visitorKey, topic, messageKey);
    }

    boolean erased() {
        return erasedThrough != null && !ceTime.isAfter(erasedThrough);
    }

    /** A topic's key of one visitor: what a replay ends on its latest record. */
    record KafkaKey(String visitorKey, String topic, String messageKey) {}
}
