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

    /** True when this event moves the position forward, so it may change the row. */
    public boolean isNewerThan(EventPosition current) {
        return current == null || current.at == null || compareTo(current) > 0;
    }

    @Override
    public int compareTo(EventPosition other) {
        return ORDER.compare(this, other);
    }
}
