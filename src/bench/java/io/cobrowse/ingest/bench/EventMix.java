package io.cobrowse.ingest.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A realistic stream of webhooks over many visitors, built from the samples. Each visitor goes
 * through visits: online, browsing (visitor.updated), a co-browsing session (started, then
 * session.state and session.updated, ended), offline; about 5% of deliveries are exact
 * redeliveries of a recently acknowledged webhook. Envelope timestamps increase per visitor.
 *
 * <p>A fixed number of visitors are on a visit at any time; when one leaves, the visitor who has
 * waited longest arrives, so every visitor of the population takes turns. Visitors are leased:
 * {@link #next()} takes one and {@link #release} gives it back after the answer, so one visitor's
 * events are sent one after another, as a real platform does.
 */
final class EventMix {

    static final double REDELIVERY_SHARE = 0.05;
    /** Agents shared by all sessions: enough that sessions rarely contend on one agent row. */
    private static final int AGENTS = 50;
    /** Visitors on a visit at once; far more than the senders, so a free one is always there. */
    private static final int ACTIVE_VISITORS = 1000;
    /** Acknowledged webhooks a redelivery picks from. */
    private static final int RECENT = 4096;

    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<VisitorState> active;
    private final Queue<VisitorState> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicReferenceArray<GeneratedEvent> recent = new AtomicReferenceArray<>(RECENT);
    private final AtomicLong recentCount = new AtomicLong();
    private final String idPrefix;
    private final String driverId;
    private final AtomicLong sequence = new AtomicLong();
    private final ObjectNode visitorTemplate;
    private final ObjectNode sessionStartedTemplate;
    private final ObjectNode sessionEndedTemplate;
    private final ObjectNode sessionStateTemplate;

    /**
     * @param visitors how many distinct visitors
     * @param runId the same for every driver of one run, so they address the same visitors
     * @param driverId unique per driver process, so webhook and session ids never repeat across drivers
     */
    EventMix(int visitors, String runId, String driverId) {
        this.idPrefix = "msg_" + runId + "_" + driverId + "_";
        this.driverId = driverId;
        List<VisitorState> all = new ArrayList<>(visitors);
        for (int i = 0; i < visitors; i++) {
            all.add(new VisitorState("v" + runId + "-" + i, i));
        }
        Collections.shuffle(all);
        int onVisit = Math.min(ACTIVE_VISITORS, visitors / 2);
        active = new ArrayBlockingQueue<>(onVisit, false, all.subList(0, onVisit));
        waiting.addAll(all.subList(onVisit, visitors));
        visitorTemplate = sampleData("visitor.updated");
        sessionStartedTemplate = sampleData("session.started");
        sessionEndedTemplate = sampleData("session.ended");
        sessionStateTemplate = sampleData("session.state");
    }

    /** The next event; unless it is a redelivery, it holds its visitor until {@link #release}. */
    GeneratedEvent next() throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long known = recentCount.get();
        if (known > 0 && random.nextDouble() < REDELIVERY_SHARE) {
            GeneratedEvent again = recent.get((int) (random.nextLong(Math.min(known, RECENT))));
            if (again != null) {
                return again.redelivered();
            }
        }
        return fresh(active.take(), random);
    }

    /** Gives the event's visitor back; an acknowledged event may be redelivered later. */
    void release(GeneratedEvent e, int status) {
        if (status == EventSink.ACCEPTED) {
            recent.set((int) (recentCount.getAndIncrement() % RECENT), e);
        }
        VisitorState v = e.visitor();
        if (v == null) {
            return;
        }
        if (v.phase == VisitorState.Phase.LEFT) {
            // the visit is over: the visitor who waited longest arrives
            waiting.add(v);
            v = waiting.poll();
            v.phase = VisitorState.Phase.ARRIVING;
        }
        active.add(v);
    }

    private GeneratedEvent fresh(VisitorState v, ThreadLocalRandom random) {
        double r = random.nextDouble();
        switch (v.phase) {
            case ARRIVING -> {
                v.phase = VisitorState.Phase.BROWSING;
                return visitor(v, r < 0.7 ? "visitor.online" : "visitor.updated", random);
            }
            case BROWSING -> {
                return r < 0.5 ? visitor(v, "visitor.updated", random) : sessionStarted(v, random);
            }
            case IN_SESSION -> {
                if (r < 0.35) {
                    return sessionState(v, random);
                } else if (r < 0.65) {
                    return session(v, "session.updated", sessionStartedTemplate, random);
                } else if (r < 0.80) {
                    return visitor(v, "visitor.updated", random);
                }
                GeneratedEvent ended = session(v, "session.ended", sessionEndedTemplate, random);
                v.openSession = null;
                v.phase = VisitorState.Phase.LEAVING;
                return ended;
            }
            default -> {
                if (r < 0.5) {
                    return visitor(v, "visitor.updated", random);
                }
                v.phase = VisitorState.Phase.LEFT;
                return visitor(v, "visitor.offline", random);
            }
        }
    }

    private GeneratedEvent visitor(VisitorState v, String type, ThreadLocalRandom random) {
        Instant at = v.nextTimestamp();
        ObjectNode d = visitorTemplate.deepCopy();
        String email = v.id.toLowerCase() + "@example.com";
        d.put("short_id", v.id);
        d.put("email", email);
        d.set(
                "identities",
                json.createArrayNode().add("#" + v.index).add("Ada Lovelace").add(email));
        d.put("unique_id", "user-" + v.index);
        d.put("is_online", !type.equals("visitor.offline"));
        d.put("is_in_session", v.openSession != null);
        d.put("last_seen_at", at.toString());
        d.put("last_url", "https://shop.example.com/products/" + random.nextInt(10_000));
        d.put("lookup_code", String.format("%04d", random.nextInt(10_000)));
        d.put("watch_link", "https://cobrowse.example.com/w/" + v.id);
        return build(v, type, at, null, d);
    }

    private GeneratedEvent sessionStarted(VisitorState v, ThreadLocalRandom random) {
        v.sessions++;
        v.openSession = "s" + driverId + "-" + v.id + "-" + v.sessions;
        v.phase = VisitorState.Phase.IN_SESSION;
        v.sessionAgents = random.nextDouble() < 0.3
                ? List.of(random.nextInt(AGENTS), random.nextInt(AGENTS))
                : List.of(random.nextInt(AGENTS));
        GeneratedEvent e = session(v, "session.started", sessionStartedTemplate, random);
        v.sessionStartedAt = e.timestamp();
        return e;
    }

    private GeneratedEvent session(VisitorState v, String type, ObjectNode template, ThreadLocalRandom random) {
        Instant at = v.nextTimestamp();
        Instant started = v.sessionStartedAt == null || type.equals("session.started") ? at : v.sessionStartedAt;
        int seconds = (int) Duration.between(started, at).toSeconds();
        ObjectNode d = template.deepCopy();
        d.put("id", v.openSession);
        d.put("visitor_id", v.id);
        ArrayNode agents = json.createArrayNode();
        for (int a : v.sessionAgents) {
            agents.addObject()
                    .put("id", (a % 2 == 0 ? "ea_" : "u_") + a)
                    .put("agent_nickname", "Agent" + a)
                    .put("name", "Agent Number " + a)
                    .put("email", "agent" + a + "@example.com")
                    .put("external_id", "crm-agent-" + a)
                    .put("on_premise", false);
        }
        d.set("agents", agents);
        String firstAgent = agents.get(0).get("id").asText();
        if (type.equals("session.ended")) {
            d.put("ended_at", at.toString());
            d.set(
                    "agent_notes",
                    json.createArrayNode()
                            .add(json.createObjectNode()
                                    .put("text", "Helped with the checkout.")
                                    .put("by", firstAgent)));
            d.set(
                    "quality_feedback",
                    json.createArrayNode()
                            .add(json.createObjectNode()
                                    .put("rating", 1 + random.nextInt(5))
                                    .putNull("feedback")
                                    .put("by", firstAgent)));
        }
        d.put("started_at", started.toString());
        d.put("length_seconds", seconds);
        d.put("call_length_seconds", seconds / 2);
        d.put("visitor_email", v.id.toLowerCase() + "@example.com");
        d.put("visitor_unique_id", "user-" + v.index);
        d.put("start_url", "https://shop.example.com/products/" + random.nextInt(10_000));
        return build(v, type, at, v.openSession, d);
    }

    private GeneratedEvent sessionState(VisitorState v, ThreadLocalRandom random) {
        Instant at = v.nextTimestamp();
        ObjectNode d = sessionStateTemplate.deepCopy();
        d.put("session_id", v.openSession);
        d.put("visitor_id", v.id);
        ObjectNode first = (ObjectNode) d.get("connections").get(0);
        first.put("currentUrl", "https://shop.example.com/products/" + random.nextInt(10_000));
        first.put("activeSince", v.sessionStartedAt.toString());
        first.put("lastFocusAt", at.toString());
        first.put("hasFocus", random.nextBoolean());
        return build(v, "session.state", at, v.openSession, d);
    }

    private GeneratedEvent build(VisitorState v, String type, Instant at, String sessionId, ObjectNode data) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("type", type);
        envelope.put("timestamp", at.toString());
        envelope.set("data", data);
        try {
            byte[] body = json.writeValueAsBytes(envelope);
            return new GeneratedEvent(
                    idPrefix + sequence.incrementAndGet(), type, at, v.id, sessionId, data, body, false, v);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode sampleData(String type) {
        try (InputStream in = EventMix.class.getResourceAsStream("/samples/" + type + ".json")) {
            if (in == null) {
                throw new IllegalStateException("sample " + type + " is not on the classpath");
            }
            return (ObjectNode) json.readTree(in).get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
