package io.cobrowse.ingest.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The keys a replay still has to copy (table replay_key), in the order their locks are taken: planned once
 * when the replay starts, deleted as steps finish them. Plain JDBC on the step's transaction.
 */
@ApplicationScoped
public class ReplayPlan {

    /** A visitor to copy, with the count of their records planned (which sizes the steps). */
    record PlannedKey(String visitorKey, long records) {}

    private final EntityManager em;

    public ReplayPlan(EntityManager em) {
        this.em = em;
    }

    /**
     * Plans the replay: one row per visitor with published live records of webhooks received in the window
     * (and of the visitor and types asked for). Returns how many visitors.
     */
    int plan(UUID replayId, ReplayRequest request) {
        String visitor = request.visitorId() == null ? "" : "AND o.visitor_key = ?";
        String types = request.types() == null ? "" : "AND i.event_type = ANY (?::text[])";
        String sql = """
                INSERT INTO replay_key (replay_id, lock_hash, visitor_key, records)
                SELECT ?::uuid, hashtextextended(o.visitor_key, 0), o.visitor_key, count(*)
                FROM inbox_event i JOIN outbox_event o ON o.webhook_id = i.webhook_id
                WHERE i.received_at >= ?::timestamptz AND i.received_at < ?::timestamptz
                  AND o.replay_id IS NULL AND o.published_at IS NOT NULL %s %s
                GROUP BY o.visitor_key""".formatted(visitor, types);
        return session().doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                ps.setString(i++, replayId.toString());
                ps.setString(i++, request.from().toString());
                ps.setString(i++, request.to().toString());
                if (request.visitorId() != null) {
                    ps.setString(i++, request.visitorId());
                }
                if (request.types() != null) {
                    ps.setArray(i, c.createArrayOf("text", request.types().toArray()));
                }
                return ps.executeUpdate();
            }
        });
    }

    /** The next keys in lock order, as many as hold about the given number of records (at least one key). */
    List<PlannedKey> next(UUID replayId, int records) {
        return session().doReturningWork(c -> {
            List<PlannedKey> keys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT visitor_key, records FROM replay_key WHERE replay_id = ?::uuid
                    ORDER BY lock_hash, visitor_key LIMIT ?""")) {
                ps.setString(1, replayId.toString());
                ps.setInt(2, records);
                long planned = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && (keys.isEmpty() || planned < records)) {
                        keys.add(new PlannedKey(rs.getString(1), rs.getLong(2)));
                        planned += rs.getLong(2);
                    }
                }
            }
            return keys;
        });
    }

    /** Removes the keys a step finished. */
    void done(UUID replayId, List<String> visitorKeys) {
        update(
                "DELETE FROM replay_key WHERE replay_id = ?::uuid AND visitor_key = ANY (?::text[])",
                replayId,
                visitorKeys);
    }

    /** Drops what is left of the plan of a replay that failed. */
    void drop(UUID replayId) {
        update("DELETE FROM replay_key WHERE replay_id = ?::uuid", replayId, null);
    }

    private void update(String sql, UUID replayId, List<String> keys) {
        session().doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, replayId.toString());
                if (keys != null) {
                    ps.setArray(2, c.createArrayOf("text", keys.toArray()));
                }
                ps.executeUpdate();
            }
        });
    }

    private org.hibernate.Session session() {
        return em.unwrap(org.hibernate.Session.class);
    }
}
