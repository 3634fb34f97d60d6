package io.cobrowse.ingest.domain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowse.ingest.event.InboundData.AgentData;
import io.cobrowse.ingest.event.InboundData.ConnectionData;
import io.cobrowse.ingest.event.InboundData.SessionData;
import io.cobrowse.ingest.event.Normalization;
import io.cobrowse.ingest.event.NormalizedSession;
import io.cobrowse.ingest.event.OutboundJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Inbound session snapshot and state to entity, entity to outbound form, and erasure: pure functions. */
public final class SessionMapping {

    private SessionMapping() {}

    /** Replaces the session's attributes, notes and feedback (agents are set by the caller). */
    public static void apply(SessionData d, Session s) {
        s.visitorId = d.visitorId();
        s.agentNotes = replaced(
                s.agentNotes,
                orEmpty(d.agentNotes()).stream()
                        .map(n -> new AgentNote(n.text(), n.by()))
                        .toList());
        s.callLengthSeconds = d.callLengthSeconds();
        s.callName = d.callName();
        s.endedAt = d.endedAt();
        s.featuresUsed = VisitorMapping.array(d.featuresUsed());
        s.formattedCallLength = d.formattedCallLength() != null
                ? d.formattedCallLength()
                : Normalization.duration(d.callLengthSeconds());
        s.formattedLength =
                d.formattedLength() != null ? d.formattedLength() : Normalization.duration(d.lengthSeconds());
        s.metadata = d.metadata() == null ? null : OutboundJson.write(d.metadata());
        s.qualityFeedback = replaced(
                s.qualityFeedback,
                orEmpty(d.qualityFeedback()).stream()
                        .map(f -> new QualityFeedback(f.rating(), f.feedback(), f.by()))
                        .toList());
        s.visitorAgentFeedback = d.visitorAgentFeedback();
        s.visitorAgentRating = d.visitorAgentRating();
        s.visitorEmail = d.visitorEmail();
        s.visitorIpAddress = d.visitorIpAddress();
        s.visitorUniqueId = d.visitorUniqueId();
        s.lengthSeconds = d.lengthSeconds();
        s.onPremise = d.onPremise();
        s.publicVideoUrl = d.publicVideoUrl();
        s.secretVideoUrl = d.secretVideoUrl();
        s.sessionAuthorized = d.sessionAuthorized();
        s.source = Normalization.enumeration(d.source(), Normalization.SESSION_SOURCES);
        s.startUrl = d.startUrl();
        s.startedAt = d.startedAt();
        s.videoStatus = Normalization.enumeration(d.videoStatus(), Normalization.VIDEO_STATUSES);
        s.wentLive = d.wentLive();
    }

    /** The current list when it already holds these elements, so that the row stays unchanged. */
    static <E> List<E> replaced(List<E> current, List<E> next) {
        return next.equals(current) ? current : List.copyOf(next);
    }

    /** Replaces the session's connections. */
    public static void applyConnections(List<ConnectionData> connections, Session s) {
        s.connections = replaced(
                s.connections,
                connections.stream().map(NormalizedSession.Connection::from).toList());
    }

    /** Removes the visitor's personal data from the session (contract section 4). */
    public static void eraseVisitorData(Session s) {
        s.visitorEmail = null;
        s.visitorIpAddress = null;
        s.visitorUniqueId = null;
        s.startUrl = null;
        s.publicVideoUrl = null;
        s.secretVideoUrl = null;
        s.metadata = withVisitorKeysNulled(s.metadata);
        s.connections = s.connections.stream()
                .map(NormalizedSession.Connection::withoutCurrentUrl)
                .toList();
    }

    /** The same erasure on a normalized session already written as JSON (an outbox row). */
    public static String erasedJson(String normalizedSession) {
        ObjectNode node = (ObjectNode) OutboundJson.tree(normalizedSession);
        for (String field : List.of(
                "visitor_email",
                "visitor_ip_address",
                "visitor_unique_id",
                "start_url",
                "public_video_url",
                "secret_video_url")) {
            node.putNull(field);
        }
        if (node.get("metadata") instanceof ObjectNode metadata) {
            nullVisitorKeys(metadata);
        }
        node.withArray("connections").forEach(c -> ((ObjectNode) c).putNull("current_url"));
        return OutboundJson.write(node);
    }

    static String withVisitorKeysNulled(String metadata) {
        if (metadata == null) {
            return null;
        }
        ObjectNode node = (ObjectNode) OutboundJson.tree(metadata);
        nullVisitorKeys(node);
        return OutboundJson.write(node);
    }

    /** The metadata copied from the visitor (keys prefixed visitor_) is nulled, the keys kept. */
    private static void nullVisitorKeys(ObjectNode metadata) {
        metadata.properties().stream()
                .map(java.util.Map.Entry::getKey)
                .filter(k -> k.startsWith("visitor_"))
                .toList()
                .forEach(metadata::putNull);
    }

    /** A session's agents, once each, in the order sent. */
    public static List<AgentData> distinctAgents(List<AgentData> agents) {
        Map<String, AgentData> byId = new LinkedHashMap<>();
        orEmpty(agents).forEach(a -> byId.putIfAbsent(a.id(), a));
        return List.copyOf(byId.values());
    }

    /** Agents as an inbound snapshot describes them. */
    public static List<NormalizedSession.Agent> normalizedAgents(List<AgentData> agents) {
        return agents.stream()
                .map(d -> new NormalizedSession.Agent(
                        d.id(),
                        Normalization.agentKind(d.id()),
                        d.agentNickname(),
                        d.name(),
                        d.email(),
                        d.externalId(),
                        d.onPremise()))
                .toList();
    }

    /** The session with its agents as stored. */
    public static NormalizedSession normalized(Session s) {
        return normalized(
                s,
                s.agents.stream()
                        .map(a -> new NormalizedSession.Agent(
                                a.id, a.kind, a.agentNickname, a.name, a.email, a.externalId, a.onPremise))
                        .toList());
    }

    public static NormalizedSession normalized(Session s, List<NormalizedSession.Agent> agents) {
        return new NormalizedSession(
                s.id,
                s.visitorId,
                agents,
                s.agentNotes.stream()
                        .map(n -> new NormalizedSession.AgentNote(n.text(), n.by()))
                        .toList(),
                s.callLengthSeconds,
                s.callName,
                s.endedAt,
                VisitorMapping.list(s.featuresUsed),
                s.formattedCallLength,
                s.formattedLength,
                OutboundJson.tree(s.metadata),
                s.qualityFeedback.stream()
                        .map(f -> new NormalizedSession.QualityFeedback(f.rating(), f.feedback(), f.by()))
                        .toList(),
                s.visitorAgentFeedback,
                s.visitorAgentRating,
                s.visitorEmail,
                s.visitorIpAddress,
                s.visitorUniqueId,
                s.lengthSeconds,
                s.onPremise,
                s.publicVideoUrl,
                s.secretVideoUrl,
                s.sessionAuthorized,
                s.source,
                s.startUrl,
                s.startedAt,
                s.videoStatus,
                s.wentLive,
                s.connections);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
