package io.cobrowse.ingest.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.cobrowse.ingest.domain.InboxEvent;
import java.time.Instant;

/** A stored webhook as the operator API shows it: never its body. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookView(
        String id,
        String type,
        String status,
        Instant receivedAt,
        Instant timestamp,
        String visitorId,
        Publication publication) {

    static WebhookView of(InboxEvent e, Publication publication) {
        return new WebhookView(
                e.webhookId, e.eventType, e.status.label(), e.receivedAt, e.eventTimestamp, e.visitorKey, publication);
    }
}
