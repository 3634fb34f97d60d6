package io.cobrowse.ingest.store;

import io.cobrowse.ingest.domain.Agent;
import io.cobrowse.ingest.domain.EventPosition;
import io.cobrowse.ingest.domain.Session;
import io.cobrowse.ingest.domain.SessionMapping;
import io.cobrowse.ingest.domain.Visitor;
import io.cobrowse.ingest.domain.VisitorMapping;
import io.cobrowse.ingest.domain.WebhookOutcome;
import io.cobrowse.ingest.event.EventType;
import io.cobrowse.ingest.event.InboundData.AgentData;
import io.cobrowse.ingest.event.InboundData.SessionData;
import io.cobrowse.ingest.event.InboundData.SessionStateData;
import io.cobrowse.ingest.event.InboundData.VisitorData;
import io.cobrowse.ingest.event.InboundData.VisitorDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Applies one webhook, already in the inbox, inside the caller's transaction: the state change and its
 * outbox row, in the same commit as the inbox row. Events converge under any delivery order: each row
 * remembers the position of the event that last changed it, and an event not newer than that position
 * is stale.
 */
@ApplicationScoped
public class EventApplier {

    private final EntityManager em;
    private final InboxUpdates inbox;
    private final OutboxWriter outbox;
    private final ErasureCleanup cleanup;

    public EventApplier(EntityManager em, InboxUpdates inbox, OutboxWriter outbox, ErasureCleanup cleanup) {
        this.em = em;
        this.inbox = inbox;
        this.outbox = outbox;
        this.cleanup = cleanup;
    }

    /** Applies a webhook of the group that {@link Inbox#insertAll} has just inserted. */
    public WebhookOutcome apply(IncomingWebhook w, CommitGroup g) {
        var known = w.event().knownType();
        WebhookOutcome outcome = known.isEmpty() ? WebhookOutcome.UNHANDLED : applyKnown(w, known.get(), g);
        keepErased(w, g);
        return outcome;
    }

    private WebhookOutcome applyKnown(IncomingWebhook w, EventType type, CommitGroup g) {
        boolean applied;
        if (w.event().data() instanceof VisitorData d) {
            applied = visitorSnapshot(w, d, g);
        } else if (w.event().data() instanceof VisitorDeleted d) {
            applied = visitorDeleted(w, d, g);
        } else if (w.event().data() instanceof SessionData d) {
            applied = sessionSnapshot(w, type, d, g);
        } else if (w.event().data() instanceof SessionStateData d) {
            applied = sessionState(w, d, g);
        } else {
            throw new IllegalStateException("no handler for " + type);
        }
        if (!applied) {
            inbox.markStale(w.webhookId());
            return WebhookOutcome.STALE;
        }
        return WebhookOutcome.APPLIED;
    }

    private static EventPosition position(IncomingWebhook w, int rank) {
        return new EventPosition(w.event().timestamp(), rank, w.webhookId());
    }

    private boolean visitorSnapshot(IncomingWebhook w, VisitorData d, CommitGroup g) {
        EventPosition p = position(w, 0);
        Visitor v = visitorToChange(d.shortId(), p, g);
        if (v == null) {
            return false;
        }
        VisitorMapping.apply(d, v);
        v.position = p;
        v.updatedAt = w.receivedAt();
        outbox.visitor(g.outbox(), w, VisitorMapping.normalized(v));
        return true;
    }

    /**
     * An erasure is never stale: whatever order it arrives in, it erases everything stored of the visitor
     * up to now, and erases through the newest position it erased, so that an event arriving later that is
     * not newer than that is kept without personal data. An unknown visitor is remembered too.
     */
    private boolean visitorDeleted(IncomingWebhook w, VisitorDeleted d, CommitGroup g) {
        Visitor v = g.visitor(d.shortId());
        if (v == null) {
            v = new Visitor(d.shortId());
            g.created(v);
        }
        List<String> later = g.laterWebhookIds(w, d.shortId());
        List<Session> sessions = g.sessionsOf(d.shortId());
        Instant through = newestErased(w, v, sessions, inbox.newestEventOf(d.shortId(), later));
        Instant now = w.receivedAt();
        VisitorMapping.erase(v);
        v.position = EventPosition.erasure(through, w.webhookId());
        v.erasedAt = now;
        v.erasedThrough = through;
        v.updatedAt = now;
        sessions.forEach(SessionMapping::eraseVisitorData);
        inbox.eraseRejected(d.shortId());
        outbox.eraseUnpublished(g.outbox(), d.shortId());
        cleanup.begin(d.shortId(), through, now);
        outbox.tombstone(g.outbox(), w, d.shortId());
        return true;
    }

    /** The newest of the erasure's own time and every position of the visitor it erases. */
    private static Instant newestErased(IncomingWebhook w, Visitor v, List<Session> sessions, Instant newestInbox) {
        Instant through = w.event().timestamp();
        List<Instant> erased = new ArrayList<>();
        erased.add(newestInbox);
        erased.add(v.erasedThrough);
        erased.add(v.position == null ? null : v.position.at);
        for (Session s : sessions) {
            erased.add(s.position == null ? null : s.position.at);
            erased.add(s.connectionsPosition == null ? null : s.connectionsPosition.at);
        }
        for (Instant at : erased) {
            if (at != null && at.isAfter(through)) {
                through = at;
            }
        }
        return through;
    }

    private boolean sessionSnapshot(IncomingWebhook w, EventType type, SessionData d, CommitGroup g) {
        EventPosition p = position(w, type.rank());
        Session s = sessionToChange(d.id(), d.visitorId(), p, current -> current.position, g);
        if (s == null) {
            return false;
        }
        SessionMapping.apply(d, s);
        // the agents are already stored: the inbox statement wrote them
        List<AgentData> sessionAgents = SessionMapping.distinctAgents(d.agents());
        // the same agents in the same order keep their join rows
        List<String> agentIds = sessionAgents.stream().map(AgentData::id).toList();
        if (!agentIds.equals(s.agents.stream().map(a -> a.id).toList())) {
            // changed in place: a new list in its stead would make Hibernate write the session's row once
            // more at commit, with the same values
            s.agents.clear();
            agentIds.forEach(id -> s.agents.add(em.getReference(Agent.class, id)));
        }
        s.position = p;
        s.updatedAt = w.receivedAt();
        eraseIfVisitorErased(w, s, g);
        // the outbound form shows the agents as this snapshot describes them (no read-back needed)
        outbox.session(g.outbox(), w, SessionMapping.normalized(s, SessionMapping.normalizedAgents(sessionAgents)));
        return true;
    }

    private boolean sessionState(IncomingWebhook w, SessionStateData d, CommitGroup g) {
        EventPosition p = position(w, 0);
        Session s = sessionToChange(d.sessionId(), d.visitorId(), p, current -> current.connectionsPosition, g);
        if (s == null) {
            return false;
        }
        SessionMapping.applyConnections(d.connections(), s);
        s.connectionsPosition = p;
        s.updatedAt = w.receivedAt();
        eraseIfVisitorErased(w, s, g);
        outbox.session(g.outbox(), w, SessionMapping.normalized(s));
        return true;
    }

    /** The visitor this event may change: the stored one, a new one, or null when the event is stale. */
    private Visitor visitorToChange(String shortId, EventPosition p, CommitGroup g) {
        Visitor v = g.visitor(shortId);
        if (v == null) {
            v = new Visitor(shortId);
            g.created(v);
            return v;
        }
        return p.isNewerThan(v.position) ? v : null;
    }

    /** The same for a session, whose attributes and connections keep positions of their own. */
    private Session sessionToChange(
            String id, String visitorId, EventPosition p, Function<Session, EventPosition> positionOf, CommitGroup g) {
        Session s = g.session(id);
        if (s == null) {
            s = new Session(id, visitorId);
            g.created(s);
            return s;
        }
        return p.isNewerThan(positionOf.apply(s)) ? s : null;
    }

    /** A session event older than its visitor's erasure changes the session without personal data. */
    private void eraseIfVisitorErased(IncomingWebhook w, Session s, CommitGroup g) {
        Visitor v = g.visitor(s.visitorId);
        if (v != null && v.erases(w.event().timestamp())) {
            SessionMapping.eraseVisitorData(s);
        }
    }

    /** Whatever its outcome, an event older than its visitor's erasure is not kept with its raw body. */
    private void keepErased(IncomingWebhook w, CommitGroup g) {
        String key = w.event().data().visitorKey();
        Visitor v = key == null ? null : g.visitor(key);
        if (v != null && v.erases(w.event().timestamp())) {
            inbox.eraseOne(w.webhookId(), w.receivedAt());
        }
    }
}
