package io.cobrowse.ingest.domain;

import io.cobrowse.ingest.event.NormalizedSession;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.ColumnTransformer;

/**
 * The latest normalized snapshot of a session, with its agents (rows of their own, shared between
 * sessions) and its notes, feedback and connections (jsonb arrays in the session's row).
 */
@Entity
@Table(name = "session")
public class Session extends PanacheEntityBase {

    @Id
    public String id;

    @Column(nullable = false)
    public String visitorId;

    @ManyToMany
    @JoinTable(
            name = "session_agent",
            joinColumns = @JoinColumn(name = "session_id"),
            inverseJoinColumns = @JoinColumn(name = "agent_id"))
    @OrderColumn(name = "ordinal")
    public List<Agent> agents = new ArrayList<>();

    @Convert(converter = JsonListConverter.AgentNotes.class)
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public List<AgentNote> agentNotes = List.of();

    public Integer callLengthSeconds;
    public String callName;
    public Instant endedAt;

    @Column(columnDefinition = "text[]")
    public String[] featuresUsed;

    public String formattedCallLength;
    public String formattedLength;
    /** Free-form JSON object, keys as sent. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String metadata;

    @Convert(converter = JsonListConverter.QualityFeedbacks.class)
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public List<QualityFeedback> qualityFeedback = List.of();

    public String visitorAgentFeedback;
    public BigDecimal visitorAgentRating;
    public String visitorEmail;
    public String visitorIpAddress;
    public String visitorUniqueId;
    public Integer lengthSeconds;
    public Boolean onPremise;
    public String publicVideoUrl;
    public String secretVideoUrl;
    public Boolean sessionAuthorized;
    public String source;
    public String startUrl;
    public Instant startedAt;
    public String videoStatus;
    public Boolean wentLive;

    @Convert(converter = JsonListConverter.Connections.class)
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public List<NormalizedSession.Connection> connections = List.of();

    @Embedded
    public EventPosition position;

    @Embedded
    @AttributeOverrides({
        @AttributeOverride(name = "at", column = @Column(name = "connections_position_at")),
        @AttributeOverride(name = "rank", column = @Column(name = "connections_position_rank")),
        @AttributeOverride(name = "webhookId", column = @Column(name = "connections_position_id"))
    })
    public EventPosition connectionsPosition;

    public Instant updatedAt;

    protected Session() {}

    public Session(String id, String visitorId) {
        this.id = id;
        this.visitorId = visitorId;
    }
}
