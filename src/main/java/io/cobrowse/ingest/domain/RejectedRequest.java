package io.cobrowse.ingest.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A refused webhook request, kept (bounded) so a sender's bug can be diagnosed. Only a 400 keeps its body, and only
 * while the visitor it names is not erased.
 */
@Entity
@Table(name = "rejected_request")
public class RejectedRequest extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The HTTP status of the answer: 400, 401, 409, 413 or 415. */
    public short status;
    /** The problem's detail. */
    public String reason;
    /** Null when the request named none. */
    public String webhookId;

    public Instant receivedAt;

    @Column(name = "body_sha256")
    public byte[] bodySha256;

    public byte[] rawBody;
    /** JSON array of {pointer, detail}. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String errors;

    public String visitorKey;
}
