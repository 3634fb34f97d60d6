package io.cobrowse.ingest.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * One visitor's webhooks, over and over: online, browsing, a co-browsing session (started, its
 * connections, updated, ended), offline. Envelope timestamps increase with every webhook, so each one
 * is newer than the last and none is stale: every acknowledged webhook must reach Kafka.
 */
final class Journey {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectNode VISITOR = sampleData("visitor.updated");
    private static final ObjectNode SESSION = sampleData("session.started");
    private static final ObjectNode SESSION_ENDED = sampleData("session.ended");
    private static final ObjectNode SESSION_STATE = sampleData("session.state");
    private static final String[] STEPS = {
        "visitor.online",
        "visitor.updated",
        "session.started",
        "session.state",
        "session.updated",
        "session.ended",
        "visitor.offline"
    };

    private final String visitorId;
    private final int agent;
    private final Topics topics;
    private final String idPrefix;
    private int step;
    private int sessions;
    private long lastMillis;
    private Instant sessionStartedAt;

    /**
     * @param visitorId unique in the run, so scenarios never share a visitor
     * @param agent which of a few shared agents takes this visitor's sessions
     */
    Journey(String visitorId, int agent, Topics topics) {
        this.visitorId = visitorId;
        this.agent = agent;
        this.topics = topics;
        this.idPrefix = "msg_" + visitorId + "_";
    }

    String visitorId() {
        return visitorId;
    }

    /** The visitor's next webhook. */
    Webhook next() {
        String type = STEPS[step % STEPS.length];
        step++;
        Instant at = nextTimestamp();
        ObjectNode data =
                switch (type) {
                    case "session.started" -> {
                        sessions++;
                        sessionStartedAt = at;
                        yield session(SESSION, at);
                    }
                    case "session.updated" -> session(SESSION, at);
                    case "session.ended" -> session(SESSION_ENDED, at).put("ended_at", at.toString());
                    case "session.state" -> sessionState(at);
                    default -> visitor(type, at);
                };
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("type", type).put("timestamp", at.toString()).set("data", data);
        String topic = type.startsWith("visitor.") ? topics.visitors() : topics.sessions();
        try {
            return new Webhook(idPrefix + step, visitorId, topic, JSON.writeValueAsBytes(envelope));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode visitor(String type, Instant at) {
        ObjectNode d = VISITOR.deepCopy();
        d.put("short_id", visitorId);
        d.put("is_online", !type.equals("visitor.offline"));
        d.put("last_seen_at", at.toString());
        return d;
    }

    private ObjectNode session(ObjectNode template, Instant at) {
        ObjectNode d = template.deepCopy();
        d.put("id", sessionId());
        d.put("visitor_id", visitorId);
        d.put("started_at", sessionStartedAt.toString());
        // one of a few agents shared by many sessions, as on the platform: their rows are contended
        ObjectNode agentSnapshot = ((ObjectNode) d.get("agents").get(0)).put("id", "u_agent" + agent);
        d.set("agents", JSON.createArrayNode().add(agentSnapshot));
        return d;
    }

    private ObjectNode sessionState(Instant at) {
        ObjectNode d = SESSION_STATE.deepCopy();
        d.put("session_id", sessionId());
        d.put("visitor_id", visitorId);
        ((ObjectNode) d.get("connections").get(0)).put("lastFocusAt", at.toString());
        return d;
    }

    private String sessionId() {
        return "ses_" + visitorId + "_" + sessions;
    }

    /** Later than every earlier webhook of this visitor, and close to now (the service checks neither). */
    private Instant nextTimestamp() {
        lastMillis = Math.max(System.currentTimeMillis(), lastMillis + 1);
        return Instant.ofEpochMilli(lastMillis);
    }

    private static ObjectNode sampleData(String type) {
        try (InputStream in = Journey.class.getResourceAsStream("/samples/" + type + ".json")) {
            if (in == null) {
                throw new IllegalStateException("sample " + type + " is not on the classpath");
            }
            return (ObjectNode) JSON.readTree(in).get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
