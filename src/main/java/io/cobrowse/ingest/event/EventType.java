package io.cobrowse.ingest.event;

import java.util.Arrays;
import java.util.Optional;

/** The event catalog, version 1. */
public enum EventType {
    VISITOR_CREATED("visitor.created"),
    VISITOR_UPDATED("visitor.updated"),
    VISITOR_ONLINE("visitor.online"),
    VISITOR_OFFLINE("visitor.offline"),
    VISITOR_DELETED("visitor.deleted"),
    SESSION_STARTED("session.started"),
    SESSION_UPDATED("session.updated"),
    SESSION_ENDED("session.ended"),
    SESSION_STATE("session.state");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public boolean isVisitorSnapshot() {
        return this == VISITOR_CREATED || this == VISITOR_UPDATED || this == VISITOR_ONLINE || this == VISITOR_OFFLINE;
    }

    public boolean isSessionSnapshot() {
        return this == SESSION_STARTED || this == SESSION_UPDATED || this == SESSION_ENDED;
    }

    /** Orders session snapshots that share a timestamp: started before updated before ended. */
    public int rank() {
        return switch (this) {
            case SESSION_UPDATED -> 1;
            case SESSION_ENDED -> 2;
            default -> 0;
        };
    }
}
