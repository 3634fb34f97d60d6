package io.cobrowse.ingest.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.domain.IncomingWebhook;
import io.cobrowse.ingest.domain.SessionMapping;
import io.cobrowse.ingest.event.NormalizedSession;
import io.cobrowse.ingest.event.NormalizedVisitor;
import io.cobrowse.ingest.event.OutboundJson;

/** Writes outbox rows in the caller's transaction: the only way events reach Kafka. */
@ApplicationScoped
public class OutboxWriter {

    /** The channel notified after a commit that wrote outbox rows, to wake the relay. */
    public static final String NOTIFY_CHANNEL = "cobrowse_outbox";
    public static final String CE_TYPE_PREFIX = "cobrowse.";

    private final EntityManager em;
    private final IngestConfig.Topics topics;

    public OutboxWriter(EntityManager em, IngestConfig config) {
        this.em = em;
        this.topics = config.topics();
    }

    public void visitor(IncomingWebhook w, NormalizedVisitor visitor) {
        write(w, topics.visitors(), visitor.shortId(), visitor.shortId(), OutboundJson.write(visitor));
    }

    public void tombstone(IncomingWebhook w, String shortId) {
        write(w, topics.visitors(), shortId, shortId, null);
    }

    public void session(IncomingWebhook w, NormalizedSession session) {
        write(w, topics.sessions(), session.visitorId(), session.id(), OutboundJson.write(session));
    }

    private void write(IncomingWebhook w, String topic, String key, String subject, String payload) {
        OutboxEvent e = new OutboxEvent();
        e.webhookId = w.webhookId();
        e.topic = topic;
        e.messageKey = key;
        e.ceType = CE_TYPE_PREFIX + w.event().type();
        e.ceSubject = subject;
        e.ceTime = w.event().timestamp();
        e.payload = payload;
        e.visitorKey = w.event().data().visitorKey();
        e.createdAt = w.receivedAt();
        em.persist(e);
    }

    /** Wakes the relay once the transaction commits (PostgreSQL delivers notifications on commit). */
    public void notifyRelay() {
        em.createNativeQuery("SELECT pg_notify('" + NOTIFY_CHANNEL + "', '')").getSingleResult();
    }

    /**
     * Strips a visitor's personal data from their outbox rows, published or not, so nothing
     * unpublished leaves with it afterwards.
     */
    public void eraseVisitor(String shortId, NormalizedVisitor erased) {
        List<OutboxEvent> rows = em.createQuery(
                "FROM OutboxEvent WHERE visitorKey = :key AND payload IS NOT NULL", OutboxEvent.class)
                .setParameter("key", shortId)
                .getResultList();
        for (OutboxEvent row : rows) {
            if (row.topic.equals(topics.visitors())) {
                row.payload = OutboundJson.write(erased);
            } else {
                row.payload = SessionMapping.erasedJson(row.payload);
            }
        }
    }

}
