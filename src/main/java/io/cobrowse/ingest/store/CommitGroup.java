package io.cobrowse.ingest.store;

import io.cobrowse.ingest.domain.OutboxEvent;
import io.cobrowse.ingest.domain.Session;
import io.cobrowse.ingest.domain.Visitor;
import io.cobrowse.ingest.event.InboundData.SessionData;
import io.cobrowse.ingest.event.InboundData.SessionStateData;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The webhooks of one commit, and what they read and write together: their visitors and sessions are
 * loaded in one query each instead of one per event, and their outbox rows are inserted in one
 * statement at the end. A group of one is an ordinary per-event transaction.
 */
public final class CommitGroup {

    /**
     * By query rather than {@code findMultiple}, which builds and translates its SQL on every call: a query's plan
     * is cached, and its ids are one array parameter whatever the group's size.
     */
    private static final String VISITORS = "FROM Visitor v WHERE " + ArrayHasFunction.NAME + "(:ids, v.shortId)";

    /**
     * A session with its agents, in the same query: applying a session event reads them (its outbound form shows
     * them), and loading them lazily would cost a round trip. Its notes, feedback and connections are columns of
     * its row.
     */
    private static final String SESSIONS =
            "SELECT s FROM Session s LEFT JOIN FETCH s.agents WHERE " + ArrayHasFunction.NAME + "(:ids, s.id)";

    private final EntityManager em;
    private final List<IncomingWebhook> webhooks;
    /** Loaded or created in this transaction; a key mapped to null is known not to exist. */
    private final Map<String, Visitor> visitors = new HashMap<>();

    private final Map<String, Session> sessions = new HashMap<>();
    private final List<OutboxEvent> outbox = new ArrayList<>();
    /** New rows, persisted when the group's events are all applied. */
    private final List<Visitor> newVisitors = new ArrayList<>();

    private final List<Session> newSessions = new ArrayList<>();

    private CommitGroup(EntityManager em, List<IncomingWebhook> webhooks) {
        this.em = em;
        this.webhooks = webhooks;
    }

    /** Loads the visitors and sessions these webhooks touch, in one query per entity. */
    public static CommitGroup load(EntityManager em, List<IncomingWebhook> webhooks) {
        CommitGroup g = new CommitGroup(em, webhooks);
        Set<String> visitorIds = new LinkedHashSet<>();
        Set<String> sessionIds = new LinkedHashSet<>();
        for (IncomingWebhook w : webhooks) {
            var data = w.event().data();
            if (data.visitorKey() != null) {
                visitorIds.add(data.visitorKey());
            }
            if (data instanceof SessionData d) {
                sessionIds.add(d.id());
            } else if (data instanceof SessionStateData d) {
                sessionIds.add(d.sessionId());
            }
        }
        load(em, VISITORS, Visitor.class, visitorIds, g.visitors, v -> v.shortId);
        load(em, SESSIONS, Session.class, sessionIds, g.sessions, s -> s.id);
        return g;
    }

    /** One query for all the keys, passed as its array parameter; the map gets null for a key not found. */
    private static <E> void load(
            EntityManager em,
            String query,
            Class<E> type,
            Set<String> keys,
            Map<String, E> into,
            Function<E, String> keyOf) {
        if (keys.isEmpty()) {
            return;
        }
        keys.forEach(k -> into.put(k, null));
        em.createQuery(query, type)
                .setParameter("ids", keys.toArray(String[]::new))
                .getResultList()
                .forEach(found -> into.put(keyOf.apply(found), found));
    }

    /** The ids of the group's webhooks for this visitor that come after the given one. */
    List<String> laterWebhookIds(IncomingWebhook after, String visitorKey) {
        List<String> ids = new ArrayList<>();
        boolean later = false;
        for (IncomingWebhook w : webhooks) {
            if (later && Objects.equals(visitorKey, w.event().data().visitorKey())) {
                ids.add(w.webhookId());
            }
            later |= w == after;
        }
        return ids;
    }

    /** The stored (or in this group created) visitor, or null. */
    Visitor visitor(String shortId) {
        return known(visitors, Visitor.class, shortId);
    }

    void created(Visitor v) {
        visitors.put(v.shortId, v);
        newVisitors.add(v);
    }

    Session session(String id) {
        return known(sessions, Session.class, id);
    }

    /** From the group's map; a key not loaded with the group (a stored session's own visitor) is looked up once. */
    private <E> E known(Map<String, E> map, Class<E> type, String id) {
        if (!map.containsKey(id)) {
            map.put(id, em.find(type, id));
        }
        return map.get(id);
    }

    void created(Session s) {
        sessions.put(s.id, s);
        newSessions.add(s);
    }

    /**
     * All sessions of this visitor: those stored, and those created in this group, which are persisted
     * only at its end, so no query finds them before.
     */
    List<Session> sessionsOf(String visitorId) {
        List<Session> all = new ArrayList<>(em.createQuery("FROM Session WHERE visitorId = :id", Session.class)
                .setParameter("id", visitorId)
                .getResultList());
        newSessions.stream().filter(s -> visitorId.equals(s.visitorId)).forEach(all::add);
        return all;
    }

    /**
     * Persists the rows the group created, once complete, table by table: Hibernate inserts them in
     * persist order and starts a new batch at each change of table, and a row persisted before the
     * group's last change to it would be inserted and then updated.
     */
    public void persistCreated() {
        newVisitors.forEach(em::persist);
        newSessions.forEach(em::persist);
    }

    /** Outbox rows in the order the events produced them; the group inserts them together. */
    public List<OutboxEvent> outbox() {
        return outbox;
    }
}
