package io.cobrowse.ingest.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The latest normalized snapshot of a visitor. */
@Entity
@Table(name = "visitor")
public class Visitor extends PanacheEntityBase {

    @Id
    @Column(name = "short_id")
    public String shortId;

    public Instant addedAt;
    public String apiKey;
    public String browserName;
    public String callName;
    public String deviceName;
    public String deviceType;
    public String email;

    @Column(columnDefinition = "text[]")
    public String[] identities;

    public String integration;
    public String ipAddress;
    public Boolean isInSession;
    public Boolean isOnline;
    public Boolean isSupported;
    public Boolean isWaitingForCall;
    public Boolean jsConfiguration;
    public Instant lastSeenAt;
    public String lastUrl;
    public String locationCity;
    public String locationCountryName;
    public String locationCountry;
    public String lookupCode;
    public String name;
    public String nickname;

    @Column(columnDefinition = "text[]")
    public String[] tags;

    public String uniqueId;
    public String watchLink;
    public String sdk;

    @Embedded
    public EventPosition position;

    public Instant erasedAt;
    public Instant erasedThrough;
    public Instant updatedAt;

    protected Visitor() {}

    public Visitor(String shortId) {
        this.shortId = shortId;
    }

    /**
     * True when the last record published for the visitor is its tombstone: an erasure was the last event that
     * moved its position (a later snapshot, newer than the erasure, moves it on).
     */
    public boolean isErased() {
        return position != null && position.rank == EventPosition.ERASURE_RANK;
    }

    /** True when an event at this time predates the visitor's erasure and must stay erased. */
    public boolean erases(Instant eventTime) {
        return erasedThrough != null && !eventTime.isAfter(erasedThrough);
    }
}
