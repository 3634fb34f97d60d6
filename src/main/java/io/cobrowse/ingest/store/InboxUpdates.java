package io.cobrowse.ingest.store;

import io.cobrowse.ingest.domain.WebhookOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.hibernate.jdbc.Work;

/**
 * Changes to inbox rows after their insert, in the caller's transaction: the stale mark, and the erasure
 * of raw bodies. Plain JDBC on the transaction's connection, like the insert.
 */
@ApplicationScoped
public class InboxUpdates {

    private final EntityManager em;

    public InboxUpdates(EntityManager em) {
        this.em = em;
    }

    public void markStale(String webhookId) {
        update("UPDATE inbox_event SET status = ? WHERE webhook_id = ?", WebhookOutcome.STALE.label(), webhookId);
    }

    /**
     * Drops the raw bodies of a visitor's events (their SHA-256 stays, so redeliveries stay duplicates)
     * and the visitor's rejected requests. Events of the same commit that come after the erasure keep theirs.
     */
    public void eraseVisitor(String visitorKey, Instant at, List<String> exceptWebhookIds) {
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE inbox_event SET raw_body = NULL, erased_at = ?::timestamptz
                    WHERE visitor_key = ? AND raw_body IS NOT NULL AND webhook_id <> ALL (?::text[])""")) {
                ps.setString(1, at.toString());
                ps.setString(2, visitorKey);
                ps.setArray(3, c.createArrayOf("text", exceptWebhookIds.toArray()));
                ps.executeUpdate();
            }
        });
        update("DELETE FROM rejected_request WHERE visitor_key = ?", visitorKey);
    }

    public void eraseOne(String webhookId, Instant at) {
        update(
                "UPDATE inbox_event SET raw_body = NULL, erased_at = ?::timestamptz WHERE webhook_id = ?",
                at.toString(),
                webhookId);
    }

    private void update(String sql, String... parameters) {
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                ps.executeUpdate();
            }
        });
    }

    private void jdbc(Work work) {
        em.unwrap(org.hibernate.Session.class).doWork(work);
    }
}
