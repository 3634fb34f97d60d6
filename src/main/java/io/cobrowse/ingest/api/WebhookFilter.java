package io.cobrowse.ingest.api;

import io.cobrowse.ingest.domain.WebhookOutcome;
import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.util.Set;

/**
 * What the list of webhooks is narrowed to; every part optional. The time window is half-open:
 * {@code received_after <= received_at < received_before}.
 */
record WebhookFilter(
        WebhookOutcome status, String type, String visitorId, Instant receivedAfter, Instant receivedBefore) {

    /** The statuses an accepted webhook is stored with. */
    private static final Set<WebhookOutcome> STORED =
            Set.of(WebhookOutcome.APPLIED, WebhookOutcome.STALE, WebhookOutcome.UNHANDLED);

    static WebhookFilter of(String status, String type, String visitorId, String after, String before) {
        return new WebhookFilter(
                status(status),
                QueryParameters.text("type", type),
                QueryParameters.text("visitor_id", visitorId),
                QueryParameters.instant("received_after", after),
                QueryParameters.instant("received_before", before));
    }

    private static WebhookOutcome status(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return STORED.stream()
                .filter(s -> s.label().equals(value))
                .findFirst()
                .orElseThrow(() -> new BadRequestException("status: must be one of applied, stale, unhandled"));
    }

    /** The page of stored webhooks that match, newest first by (received_at, webhook-id). */
    ListQuery query() {
        return new ListQuery("InboxEvent e", "e.receivedAt", "e.webhookId", false)
                .where("e.status = :status", "status", status)
                .where("e.eventType = :type", "type", type)
                .where("e.visitorKey = :visitor", "visitor", visitorId)
                .where("e.receivedAt >= :after", "after", receivedAfter)
                .where("e.receivedAt < :before", "before", receivedBefore);
    }
}
