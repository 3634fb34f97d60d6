package io.cobrowse.ingest.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The inbox table, where the primary key on webhook-id decides what is a duplicate. */
@ApplicationScoped
public class Inbox {

    public enum Insert { INSERTED, DUPLICATE, CONFLICT }

    private final EntityManager em;

    public Inbox(EntityManager em) {
        this.em = em;
    }

    /**
     * Inserts the webhook unless its id is there already. A concurrent insert of the same id waits
     * for the other transaction and then reports a duplicate or a conflict; no check-then-insert race.
     */
    public Insert insert(IncomingWebhook w, String status) {
        int inserted = em.createNativeQuery("""
                INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256, raw_body,
                                         status, visitor_key)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                ON CONFLICT (webhook_id) DO NOTHING""")
                .setParameter(1, w.webhookId())
                .setParameter(2, w.event().type())
                .setParameter(3, w.event().timestamp())
                .setParameter(4, w.receivedAt())
                .setParameter(5, w.sha256())
                .setParameter(6, w.body())
                .setParameter(7, status)
                .setParameter(8, w.event().data().visitorKey())
                .executeUpdate();
        if (inserted == 1) {
            return Insert.INSERTED;
        }
        return sameBody(w.webhookId(), w.sha256()) ? Insert.DUPLICATE : Insert.CONFLICT;
    }

    /** True when the id was accepted before with this body, false when with another; null when never. */
    public Boolean acceptedWith(String webhookId, byte[] sha256) {
        List<?> rows = em.createNativeQuery("SELECT body_sha256 FROM inbox_event WHERE webhook_id = ?1")
                .setParameter(1, webhookId)
                .getResultList();
        return rows.isEmpty() ? null : Arrays.equals((byte[]) rows.get(0), sha256);
    }

    private boolean sameBody(String webhookId, byte[] sha256) {
        return Boolean.TRUE.equals(acceptedWith(webhookId, sha256));
    }

    public void markStale(String webhookId) {
        em.createNativeQuery("UPDATE inbox_event SET status = 'stale' WHERE webhook_id = ?1")
                .setParameter(1, webhookId)
                .executeUpdate();
    }

    /**
     * Drops the raw bodies of a visitor's events (their SHA-256 stays, so redeliveries stay duplicates)
     * and the visitor's rejected requests.
     */
    public void eraseVisitor(String visitorKey, Instant at) {
        em.createNativeQuery("""
                UPDATE inbox_event SET raw_body = NULL, erased_at = ?2
                WHERE visitor_key = ?1 AND raw_body IS NOT NULL""")
                .setParameter(1, visitorKey)
                .setParameter(2, at)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM rejected_request WHERE visitor_key = ?1")
                .setParameter(1, visitorKey)
                .executeUpdate();
    }

    public void eraseOne(String webhookId, Instant at) {
        em.createNativeQuery("UPDATE inbox_event SET raw_body = NULL, erased_at = ?2 WHERE webhook_id = ?1")
                .setParameter(1, webhookId)
                .setParameter(2, at)
                .executeUpdate();
    }
}
