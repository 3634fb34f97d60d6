package io.cobrowse.ingest.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An accepted webhook, as received. The store inserts a group's rows in one statement (the primary key decides duplicates). */
@Entity
@Table(name = "inbox_event")
public class InboxEvent extends PanacheEntityBase {

    @Id
    public String webhookId;

    public String eventType;
    public Instant eventTimestamp;
    public Instant receivedAt;

    @Column(name = "body_sha256")
    public byte[] bodySha256;

    public byte[] rawBody;
    /** Applied, stale or unhandled. */
    @Convert(converter = WebhookOutcome.Column.class)
    public WebhookOutcome status;

    public String visitorKey;
    public Instant erasedAt;
    /** When the webhook's records were published, kept once retention has deleted them from the outbox. */
    public Instant recordsPublishedAt;
}
