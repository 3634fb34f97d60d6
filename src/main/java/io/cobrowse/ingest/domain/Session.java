package io.cobrowse.ingest.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The latest normalized snapshot of a session, with its agents, notes, feedback and connections. */
@Entity
@Table(name = "session")
public class Session extends PanacheEntityBase {

    @Id
    public String id;
    @Column(nullable = false)
    public String visitorId;

    @ManyToMany
    @JoinTable(name = "session_agent", joinColumns = @JoinColumn(name = "session_id"),
            inverseJoinColumns = @JoinColumn(name = "agent_id"))
    @OrderColumn(name = "ordinal")
    public List<Agent> agents = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "session_agent_note", joinColumns = @JoinColumn(name = "session_id"))
    @OrderColumn(name = "ordinal")
    public List<AgentNote> agentNotes = new ArrayList<>();

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

    @ElementCollection
    @CollectionTable(name = "session_quality_feedback", joinColumns = @JoinColumn(name = "session_id"))
    @OrderColumn(name = "ordinal")
    public List<QualityFeedback> qualityFeedback = new ArrayList<>();

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

    @ElementCollection
    @CollectionTable(name = "session_connection", joinColumns = @JoinColumn(name = "session_id"))
    @OrderColumn(name = "ordinal")
    public List<LiveConnection> connections = new ArrayList<>();

    @Embedded
    public EventPosition position;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "at", column = @Column(name = "connections_position_at")),
            @AttributeOverride(name = "rank", column = @Column(name = "connections_position_rank")),
            @AttributeOverride(name = "webhookId", column = @Column(name = "connections_position_id")) })
    public EventPosition connectionsPosition;

    public Instant updatedAt;

    protected Session() {
    }

    public Session(String id, String visitorId) {
        this.id = id;
        this.visitorId = visitorId;
    }
}
