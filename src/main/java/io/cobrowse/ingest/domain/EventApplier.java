package io.cobrowse.ingest.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.cobrowse.ingest.event.EventType;
import io.cobrowse.ingest.event.InboundData.AgentData;
import io.cobrowse.ingest.event.InboundData.SessionData;
import io.cobrowse.ingest.event.InboundData.SessionStateData;
import io.cobrowse.ingest.event.InboundData.VisitorData;
import io.cobrowse.ingest.event.InboundData.VisitorDeleted;
import io.cobrowse.ingest.outbox.OutboxWriter;

/**
 * Applies one webhook inside the caller's transaction: inbox row, state change and outbox row
 * together. Events converge under any delivery order: each row remembers the position of the
 * event that last changed it, and an event not newer than that position is stale.
 */
@ApplicationScoped
public class EventApplier {

    /** What happened to a webhook. */
    public enum Outcome { APPLIED, STALE, UNHANDLED, DUPLICATE, CONFLICT }

    private final EntityManager em;
    private final Inbox inbox;
    private final AgentUpserts agents;
    private final OutboxWriter outbox;

    public EventApplier(EntityManager em, Inbox inbox, AgentUpserts agents, OutboxWriter outbox) {
        this.em = em;
        this.inbox = inbox;
        this.agents = agents;
        this.outbox = outbox;
    }

    public Outcome apply(IncomingWebhook w) {
        var known = w.event().knownType();
        Inbox.Insert insert = inbox.insert(w, known.isPresent() ? InboxEvent.APPLIED : InboxEvent.UNHANDLED);
        if (insert != Inbox.Insert.INSERTED) {
            return insert == Inbox.Insert.DUPLICATE ? Outcome.DUPLICATE : Outcome.CONFLICT;
        }
        Outcome outcome = known.isEmpty() ? Outcome.UNHANDLED : applyKnown(w, known.get());
        keepErased(w);
        return outcome;
    }

    private Outcome applyKnown(IncomingWebhook w, EventType type) {
        boolean applied;
        if (w.event().data() instanceof VisitorData d) {
            applied = visitorSnapshot(w, d);
        } else if (w.event().data() instanceof VisitorDeleted d) {
            applied = visitorDeleted(w, d);
        } else if (w.event().data() instanceof SessionData d) {
            applied = sessionSnapshot(w, type, d);
        } else if (w.event().data() instanceof SessionStateData d) {
            applied = sessionState(w, d);
        } else {
            throw new IllegalStateException("no handler for " + type);
        }
        if (!applied) {
            inbox.markStale(w.webhookId());
            return Outcome.STALE;
        }
        return Outcome.APPLIED;
    }

    private static EventPosition position(IncomingWebhook w, int rank) {
        return new EventPosition(w.event().timestamp(), rank, w.webhookId());
    }

    private boolean visitorSnapshot(IncomingWebhook w, VisitorData d) {
        EventPosition p = position(w, 0);
        Visitor v = visitorToChange(d.shortId(), p);
        if (v == null) {
            return false;
        }
        VisitorMapping.apply(d, v);
        v.position = p;
        v.updatedAt = w.receivedAt();
        save(v);
        outbox.visitor(w, VisitorMapping.normalized(v));
        return true;
    }

    private boolean visitorDeleted(IncomingWebhook w, VisitorDeleted d) {
        EventPosition p = position(w, 0);
        // an unknown visitor is remembered too, so that older events arriving later stay erased
        Visitor v = visitorToChange(d.shortId(), p);
        if (v == null) {
            return false;
        }
        Instant now = w.receivedAt();
        VisitorMapping.erase(v);
        v.position = p;
        v.erasedAt = now;
        v.erasedThrough = w.event().timestamp();
        v.updatedAt = now;
        save(v);
        em.createQuery("FROM Session WHERE visitorId = :id", Session.class)
                .setParameter("id", d.shortId())
                .getResultList()
                .forEach(SessionMapping::eraseVisitorData);
        inbox.eraseVisitor(d.shortId(), now);
        outbox.eraseVisitor(d.shortId(), VisitorMapping.normalized(v));
        outbox.tombstone(w, d.shortId());
        return true;
    }

    private boolean sessionSnapshot(IncomingWebhook w, EventType type, SessionData d) {
        EventPosition p = position(w, type.rank());
        Session s = sessionToChange(d.id(), d.visitorId(), p, current -> current.position);
        if (s == null) {
            return false;
        }
        SessionMapping.apply(d, s);
        List<AgentData> sessionAgents = SessionMapping.distinctAgents(d.agents());
        agents.upsert(sessionAgents, w.event().timestamp());
        // a new list replaces the join rows without loading the old ones
        s.agents = new ArrayList<>(sessionAgents.stream().map(a -> em.getReference(Agent.class, a.id())).toList());
        s.position = p;
        s.updatedAt = w.receivedAt();
        eraseIfVisitorErased(w, s);
        save(s);
        // the outbound form shows the agents as this snapshot describes them (no read-back needed)
        outbox.session(w, SessionMapping.normalized(s, SessionMapping.normalizedAgents(sessionAgents)));
        return true;
    }

    private boolean sessionState(IncomingWebhook w, SessionStateData d) {
        EventPosition p = position(w, 0);
        Session s = sessionToChange(d.sessionId(), d.visitorId(), p, current -> current.connectionsPosition);
        if (s == null) {
            return false;
        }
        SessionMapping.applyConnections(d.connections(), s);
        s.connectionsPosition = p;
        s.updatedAt = w.receivedAt();
        eraseIfVisitorErased(w, s);
        save(s);
        outbox.session(w, SessionMapping.normalized(s));
        return true;
    }

    /** The visitor this event may change: the stored one, a new one, or null when the event is stale. */
    private Visitor visitorToChange(String shortId, EventPosition p) {
        Visitor v = em.find(Visitor.class, shortId);
        if (v == null) {
            return new Visitor(shortId);
        }
        return p.isNewerThan(v.position) ? v : null;
    }

    /** The same for a session, whose attributes and connections keep positions of their own. */
    private Session sessionToChange(String id, String visitorId, EventPosition p,
            Function<Session, EventPosition> positionOf) {
        Session s = em.find(Session.class, id);
        if (s == null) {
            return new Session(id, visitorId);
        }
        return p.isNewerThan(positionOf.apply(s)) ? s : null;
    }

    /** Persists a new row once complete: Hibernate takes the inserted state at persist time. */
    private void save(Object entity) {
        if (!em.contains(entity)) {
            em.persist(entity);
        }
    }

    /** A session event older than its visitor's erasure changes the session without personal data. */
    private void eraseIfVisitorErased(IncomingWebhook w, Session s) {
        Visitor v = em.find(Visitor.class, s.visitorId);
        if (v != null && v.erases(w.event().timestamp())) {
            SessionMapping.eraseVisitorData(s);
        }
    }

    /** Whatever its outcome, an event older than its visitor's erasure is not kept with its raw body. */
    private void keepErased(IncomingWebhook w) {
        String key = w.event().data().visitorKey();
        Visitor v = key == null ? null : em.find(Visitor.class, key);
        if (v != null && v.erases(w.event().timestamp())) {
            inbox.eraseOne(w.webhookId(), w.receivedAt());
        }
    }
}
