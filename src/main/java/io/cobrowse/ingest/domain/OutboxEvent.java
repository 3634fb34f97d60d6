package io.cobrowse.ingest.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A normalized CloudEvent waiting for (or done with) its trip to Kafka. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** The channel notified by a commit that wrote outbox rows, to wake the relay. */
    public static final String NOTIFY_CHANNEL = "cobrowse_outbox";

    /**
     * The erasure fence: the relay holds it shared (two-number advisory lock: this class and
     * {@code hashtext(visitor_key)}) for each visitor whose rows it has in flight, and an erasure takes it
     * exclusively before it strips the visitor's unpublished rows. So an erasure is acknowledged only after
     * a round that read the visitor's rows before it has ended, and the next round reads them stripped.
     */
    public static final int ERASURE_FENCE = 0x65726173;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String webhookId;
    public String topic;
    public String messageKey;
    public String ceType;
    public String ceSubject;
    public Instant ceTime;
    /** Normalized JSON; null for a tombstone. */
    public String payload;

    public String visitorKey;
    public Instant createdAt;
    /** The replay that wrote this copy of a published row; null for a live row. */
    public UUID replayId;
    /**
     * Written by the relay alone. An erasure rewrites the payloads of rows the relay may be marking at
     * that moment: were this column in the entity's update, the stale value would undo the mark.
     */
    @Column(insertable = false, updatable = false)
    public Instant publishedAt;

    /** Written by the relay alone, like {@link #publishedAt}. */
    @Column(insertable = false, updatable = false)
    public Instant parkedAt;
}
