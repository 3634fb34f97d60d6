package io.cobrowse.ingest.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One webhook to deliver: the signed bytes for the service, and the parsed fields the baseline writes
 * with plain SQL. A redelivery repeats an earlier event's id and body exactly.
 *
 * @param visitor the visitor leased for this event, null for a redelivery
 */
record GeneratedEvent(
        String webhookId,
        String type,
        Instant timestamp,
        String visitorId,
        String sessionId,
        ObjectNode data,
        byte[] body,
        boolean redelivery,
        VisitorState visitor) {

    /** The same webhook again; it holds no visitor, since it changes nothing. */
    GeneratedEvent redelivered() {
        return new GeneratedEvent(webhookId, type, timestamp, visitorId, sessionId, data, body, true, null);
    }

    boolean isVisitorEvent() {
        return type.startsWith("visitor.");
    }
}
