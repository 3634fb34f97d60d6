package io.cobrowse.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.Comparator;

/**
 * Where an event stands in the order of its visitor or session: envelope timestamp, then the
 * type's rank (session started &lt; updated &lt; ended), then the webhook-id.
 */
@Embeddable
public class EventPosition implements Comparable<EventPosition> {

    private static final Comparator<EventPosition> ORDER = Comparator.comparing((EventPosition p) -> p.at)
            .thenComparingInt(p -> p.rank)
            .thenComparing(p -> p.webhookId);

    @Column(name = "position_at")
    public Instant at;

    @Column(name = "position_rank")
    public short rank;

    @Column(name = "position_id")
    public String webhookId;

    protected EventPosition() {}

    public EventPosition(Instant at, int rank, String webhookId) {
        this.at = at;
        this.rank = (short) rank;
        this.webhookId = webhookId;
    }

    /**
     * The rank of an erasure in a visitor's order: above every snapshot's, so that on equal timestamps the
     * erasure counts as the later event, whatever the webhook-ids.
     */
    public static final int ERASURE_RANK = Short.MAX_VALUE;

    /** An erasure's position: through the newest position it erased, after anything at that time. */
    public static EventPosition erasure(Instant through, String webhookId) {
        return new EventPosition(through, ERASURE_RANK, webhookId);
    }

    /** True when this event moves the position forward, so it may change the row. */
    public boolean isNewerThan(EventPosition current) {
        return current == null || current.at == null || compareTo(current) > 0;
    }

    @Override
    public int compareTo(EventPosition other) {
        return ORDER.compare(this, other);
    }
}
