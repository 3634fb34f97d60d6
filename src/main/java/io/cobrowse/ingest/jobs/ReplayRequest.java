package io.cobrowse.ingest.jobs;

import io.cobrowse.ingest.event.OutboundJson;
import java.time.Instant;
import java.util.List;

/**
 * What a replay re-publishes: the records published for the webhooks received in {@code [from, to)},
 * optionally only those of one visitor and of some event types. Stored as the job's request (JSON).
 *
 * @param visitorId the visitor, or null for all
 * @param types the event types (wire names), or null for all
 */
public record ReplayRequest(Instant from, Instant to, String visitorId, List<String> types) {

    String json() {
        return OutboundJson.write(this);
    }

    static ReplayRequest of(String json) {
        return OutboundJson.read(json, ReplayRequest.class);
    }
}
