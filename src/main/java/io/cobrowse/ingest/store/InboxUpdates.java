package io.cobrowse.ingest.store;

import io.cobrowse.ingest.domain.WebhookOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
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
     * Deletes the visitor's rejected requests: those that named them, and those whose body names no visitor
     * that could be read but holds their id (the table is bounded, so the search is cheap).
     */
    public void eraseRejected(String visitorKey) {
        update(
                "DELETE FROM rejected_request WHERE visitor_key = ? "
                        + "OR (visitor_key IS NULL AND position(convert_to(?, 'UTF8') IN raw_body) > 0)",
                visitorKey,
                visitorKey);
    }

    /**
     * The newest envelope timestamp among the visitor's stored events, but for the given ones (the events of
     * the same commit that come after an erasure); null when there is none.
     */
    public Instant newestEventOf(String visitorKey, List<String> exceptWebhookIds) {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT max(event_timestamp) FROM inbox_event
                    WHERE visitor_key = ? AND webhook_id <> ALL (?::text[])""")) {
                ps.setString(1, visitorKey);
                ps.setArray(2, c.createArrayOf("text", exceptWebhookIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    Timestamp newest = rs.getTimestamp(1);
                    return newest == null ? null : newest.toInstant();
                }
            }
        });
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
