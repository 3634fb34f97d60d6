package io.cobrowse.ingest.api;

import com.fasterxml.jackson.annotation.JsonValue;
import io.cobrowse.ingest.domain.InboxEvent;
import io.cobrowse.ingest.domain.OutboxEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a webhook's records are on their way to Kafka. Read from its outbox rows while they exist (replayed copies
 * aside), and from the inbox once retention has deleted them.
 */
public enum Publication {
    /** At least one record waits for the relay. */
    PENDING,
    /** Every record is on Kafka. */
    PUBLISHED,
    /** Kafka refused a record for good; it is tried again now and then. */
    PARKED,
    /** The webhook publishes nothing (stale, unhandled, or stripped by an erasure before it went). */
    NONE;

    @JsonValue
    public String label() {
        return name().toLowerCase();
    }

    /** The publication of each of the given webhooks. */
    public static Map<String, Publication> of(Collection<InboxEvent> webhooks) {
        if (webhooks.isEmpty()) {
            return Map.of();
        }
        Map<String, Publication> fromOutbox = new HashMap<>();
        List<String> ids = webhooks.stream().map(w -> w.webhookId).toList();
        OutboxEvent.getEntityManager()
                .createQuery(
                        "select o.webhookId, count(o), "
                                + "sum(case when o.publishedAt is null then 1 else 0 end), "
                                + "sum(case when o.publishedAt is null and o.parkedAt is not null then 1 else 0 end) "
                                + "from OutboxEvent o where o.webhookId in :ids and o.replayId is null "
                                + "group by o.webhookId",
                        Counts.class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(c -> fromOutbox.put(c.webhookId(), c.publication()));
        Map<String, Publication> out = new HashMap<>();
        for (InboxEvent w : webhooks) {
            Publication p = fromOutbox.get(w.webhookId);
            out.put(w.webhookId, p != null ? p : w.recordsPublishedAt != null ? PUBLISHED : NONE);
        }
        return out;
    }

    /** A webhook's outbox rows, counted. */
    public record Counts(String webhookId, Long rows, Long unpublished, Long parked) {
        Publication publication() {
            return parked > 0 ? PARKED : unpublished > 0 ? PENDING : PUBLISHED;
        }
    }
}
