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

    public EventApplier(EntityManager em, InboxUpdates inbox, OutboxWriter outbox) {
        this.em = em;
        this.inbox = inbox;
        this.outbox = outbox;
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

    private boolean visitorDeleted(IncomingWebhook w, VisitorDeleted d, CommitGroup g) {
        EventPosition p = position(w, 0);
        // an unknown visitor is remembered too, so that older events arriving later stay erased
        Visitor v = visitorToChange(d.shortId(), p, g);
        if (v == null) {
            return false;
        }
        Instant now = w.receivedAt();
        VisitorMapping.erase(v);
        v.position = p;
        v.erasedAt = now;
        v.erasedThrough = w.event().timestamp();
        v.updatedAt = now;
        g.sessionsOf(d.shortId()).forEach(SessionMapping::eraseVisitorData);
        inbox.eraseVisitor(d.shortId(), now, g.laterWebhookIds(w, d.shortId()));
        outbox.eraseVisitor(g.outbox(), d.shortId(), VisitorMapping.normalized(v));
        outbox.tombstone(g.outbox(), w, d.shortId());
        return true;
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
