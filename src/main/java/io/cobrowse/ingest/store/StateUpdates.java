package io.cobrowse.ingest.store;

import static io.cobrowse.ingest.store.RowColumn.jsonb;
import static io.cobrowse.ingest.store.RowColumn.of;

import io.cobrowse.ingest.domain.EventPosition;
import io.cobrowse.ingest.domain.JsonListConverter;
import io.cobrowse.ingest.domain.Session;
import io.cobrowse.ingest.domain.Visitor;
import java.util.List;
import java.util.function.Function;

/**
 * The visitor and session columns a group's update writes: every column of the entity's table but its key,
 * valued as the entity maps them (the jsonb lists through the entity's own converters). A test holds them to
 * the tables' columns.
 */
final class StateUpdates {

    private static final JsonListConverter.AgentNotes NOTES = new JsonListConverter.AgentNotes();
    private static final JsonListConverter.QualityFeedbacks FEEDBACK = new JsonListConverter.QualityFeedbacks();
    private static final JsonListConverter.Connections CONNECTIONS = new JsonListConverter.Connections();

    static final RowsUpdate<Visitor> VISITORS = new RowsUpdate<>(
            "visitor",
            of("short_id", "text", v -> v.shortId),
            List.of(
                    of("added_at", "timestamptz", v -> v.addedAt),
                    of("api_key", "text", v -> v.apiKey),
                    of("browser_name", "text", v -> v.browserName),
                    of("call_name", "text", v -> v.callName),
                    of("device_name", "text", v -> v.deviceName),
                    of("device_type", "text", v -> v.deviceType),
                    of("email", "text", v -> v.email),
                    of("identities", "text[]", v -> v.identities),
                    of("integration", "text", v -> v.integration),
                    of("ip_address", "text", v -> v.ipAddress),
                    of("is_in_session", "boolean", v -> v.isInSession),
                    of("is_online", "boolean", v -> v.isOnline),
                    of("is_supported", "boolean", v -> v.isSupported),
                    of("is_waiting_for_call", "boolean", v -> v.isWaitingForCall),
                    of("js_configuration", "boolean", v -> v.jsConfiguration),
                    of("last_seen_at", "timestamptz", v -> v.lastSeenAt),
                    of("last_url", "text", v -> v.lastUrl),
                    of("location_city", "text", v -> v.locationCity),
                    of("location_country_name", "text", v -> v.locationCountryName),
                    of("location_country", "text", v -> v.locationCountry),
                    of("lookup_code", "text", v -> v.lookupCode),
                    of("name", "text", v -> v.name),
                    of("nickname", "text", v -> v.nickname),
                    of("tags", "text[]", v -> v.tags),
                    of("unique_id", "text", v -> v.uniqueId),
                    of("watch_link", "text", v -> v.watchLink),
                    of("sdk", "text", v -> v.sdk),
                    of("position_at", "timestamptz", at(v -> v.position)),
                    of("position_rank", "smallint", rank(v -> v.position)),
                    of("position_id", "text", webhookId(v -> v.position)),
                    of("erased_at", "timestamptz", v -> v.erasedAt),
                    of("erased_through", "timestamptz", v -> v.erasedThrough),
                    of("updated_at", "timestamptz", v -> v.updatedAt)));

    static final RowsUpdate<Session> SESSIONS = new RowsUpdate<>(
            "session",
            of("id", "text", s -> s.id),
            List.of(
                    of("visitor_id", "text", s -> s.visitorId),
                    jsonb("agent_notes", s -> NOTES.convertToDatabaseColumn(s.agentNotes)),
                    of("call_length_seconds", "integer", s -> s.callLengthSeconds),
                    of("call_name", "text", s -> s.callName),
                    of("ended_at", "timestamptz", s -> s.endedAt),
                    of("features_used", "text[]", s -> s.featuresUsed),
                    of("formatted_call_length", "text", s -> s.formattedCallLength),
                    of("formatted_length", "text", s -> s.formattedLength),
                    jsonb("metadata", s -> s.metadata),
                    jsonb("quality_feedback", s -> FEEDBACK.convertToDatabaseColumn(s.qualityFeedback)),
                    of("visitor_agent_feedback", "text", s -> s.visitorAgentFeedback),
                    of("visitor_agent_rating", "numeric", s -> s.visitorAgentRating),
                    of("visitor_email", "text", s -> s.visitorEmail),
                    of("visitor_ip_address", "text", s -> s.visitorIpAddress),
                    of("visitor_unique_id", "text", s -> s.visitorUniqueId),
                    of("length_seconds", "integer", s -> s.lengthSeconds),
                    of("on_premise", "boolean", s -> s.onPremise),
                    of("public_video_url", "text", s -> s.publicVideoUrl),
                    of("secret_video_url", "text", s -> s.secretVideoUrl),
                    of("session_authorized", "boolean", s -> s.sessionAuthorized),
                    of("source", "text", s -> s.source),
                    of("start_url", "text", s -> s.startUrl),
                    of("started_at", "timestamptz", s -> s.startedAt),
                    of("video_status", "text", s -> s.videoStatus),
                    of("went_live", "boolean", s -> s.wentLive),
                    jsonb("connections", s -> CONNECTIONS.convertToDatabaseColumn(s.connections)),
                    of("position_at", "timestamptz", at(s -> s.position)),
                    of("position_rank", "smallint", rank(s -> s.position)),
                    of("position_id", "text", webhookId(s -> s.position)),
                    of("connections_position_at", "timestamptz", at(s -> s.connectionsPosition)),
                    of("connections_position_rank", "smallint", rank(s -> s.connectionsPosition)),
                    of("connections_position_id", "text", webhookId(s -> s.connectionsPosition)),
                    of("updated_at", "timestamptz", s -> s.updatedAt)));

    private StateUpdates() {}

    // an embedded position is null as a whole when all three of its columns are
    private static <E> Function<E, Object> at(Function<E, EventPosition> position) {
        return e -> position.apply(e) == null ? null : position.apply(e).at;
    }

    private static <E> Function<E, Object> rank(Function<E, EventPosition> position) {
        return e -> position.apply(e) == null ? null : position.apply(e).rank;
    }

    private static <E> Function<E, Object> webhookId(Function<E, EventPosition> position) {
        return e -> position.apply(e) == null ? null : position.apply(e).webhookId;
    }
}
