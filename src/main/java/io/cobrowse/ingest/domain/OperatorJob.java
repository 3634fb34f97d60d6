package io.cobrowse.ingest.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A replay or a reprocessing an operator started: what was asked for and how far it got. */
@Entity
@Table(name = "operator_job")
public class OperatorJob extends PanacheEntityBase {

    public static final String REPLAY = "replay";
    public static final String REPROCESSING = "reprocessing";

    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    @Id
    public UUID id;

    /** {@link #REPLAY} or {@link #REPROCESSING}. */
    public String kind;

    /** {@link #RUNNING}, {@link #DONE} or {@link #FAILED}. */
    public String status;

    /** The request as the operator gave it (JSON). */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String request;

    public long recordsTotal;
    public long recordsDone;

    /** Where the job resumes (JSON, its meaning per kind); null before the first step. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String progress;

    /** Why it failed, without personal data. */
    public String failure;

    public Instant createdAt;
    public Instant updatedAt;
    public Instant finishedAt;
}
