package io.cobrowse.ingest.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An accepted webhook, as received. Inserted by {@link Inbox} (the primary key decides duplicates). */
@Entity
@Table(name = "inbox_event")
public class InboxEvent extends PanacheEntityBase {

    public static final String APPLIED = "applied";
    public static final String STALE = "stale";
    public static final String UNHANDLED = "unhandled";

    @Id
    public String webhookId;
    public String eventType;
    public Instant eventTimestamp;
    public Instant receivedAt;
    @Column(name = "body_sha256")
    public byte[] bodySha256;
    public byte[] rawBody;
    public String status;
    public String visitorKey;
    public Instant erasedAt;
}
