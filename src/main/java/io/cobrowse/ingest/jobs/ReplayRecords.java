package io.cobrowse.ingest.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox rows a replay reads: the published live rows of its window, key by key, and the newest row of
 * each key it touched. Plain JDBC on the step's transaction.
 */
@ApplicationScoped
public class ReplayRecords {

    private static final String COLUMNS = """
            o.id, o.webhook_id, o.topic, o.message_key, o.ce_type, o.ce_subject, o.ce_time, o.visitor_key""";

    /**
     * The next rows of the given keys, in the keys' order and then in id order (each key's original order),
     * after {@code after_id} within the key a previous step left unfinished. The running sum of payload sizes
     * decides which fit the step's byte budget; the first one always does. One more row than the step takes is
     * read, without its payload, to tell whether a key goes on.
     */
    private static final String WINDOW = """
            WITH k AS (SELECT * FROM unnest(?::text[]) WITH ORDINALITY AS k(visitor_key, n)),
            c AS (
                SELECT o.id, k.n, coalesce(octet_length(o.payload), 0) AS bytes
                FROM k JOIN outbox_event o ON o.visitor_key = k.visitor_key
                WHERE o.replay_id IS NULL AND o.published_at IS NOT NULL
                  -- a subquery per row, not a join: the step's keys must drive the plan. Joined, a window of
                  -- webhooks received since the last ANALYZE looked tiny to the planner, which then hashed the
                  -- whole window for every step (3.7 s a step against 40 ms, measured with 100,000 records)
                  AND (SELECT i.received_at >= ?::timestamptz AND i.received_at < ?::timestamptz %s
                       FROM inbox_event i WHERE i.webhook_id = o.webhook_id)
                  AND (o.visitor_key IS DISTINCT FROM ?::text OR o.id > ?)
                ORDER BY k.n, o.id LIMIT ?),
            w AS (SELECT id, n, sum(bytes) OVER (ORDER BY n, id) - bytes < ? AS fits FROM c)
            SELECT %s, CASE WHEN w.fits THEN o.payload END, w.fits, v.erased_through
            FROM w JOIN outbox_event o ON o.id = w.id
            LEFT JOIN visitor v ON v.short_id = o.visitor_key
            ORDER BY w.n, w.id""";

    /** The newest live row of each topic's key of the given visitors (their tombstone, once erased). */
    private static final String NEWEST = """
            WITH newest AS (
                SELECT DISTINCT ON (visitor_key, topic, message_key) id FROM outbox_event
                WHERE visitor_key = ANY (?::text[]) AND replay_id IS NULL
                ORDER BY visitor_key, topic, message_key, id DESC)
            SELECT %s, o.payload, true, v.erased_through
            FROM newest JOIN outbox_event o ON o.id = newest.id
            LEFT JOIN visitor v ON v.short_id = o.visitor_key
            ORDER BY o.id""".formatted(COLUMNS);

    private final EntityManager em;

    public ReplayRecords(EntityManager em) {
        this.em = em;
    }

    List<ReplayRecord> window(
            ReplayRequest request, List<String> keys, String partialKey, long afterId, int limit, long maxBytes) {
        String types = request.types() == null ? "" : "AND i.event_type = ANY (?::text[])";
        return jdbc(WINDOW.formatted(types, COLUMNS), ps -> {
            int i = 1;
            ps.setArray(i++, ps.getConnection().createArrayOf("text", keys.toArray()));
            ps.setString(i++, request.from().toString());
            ps.setString(i++, request.to().toString());
            if (request.types() != null) {
                ps.setArray(
                        i++,
                        ps.getConnection().createArrayOf("text", request.types().toArray()));
            }
            ps.setString(i++, partialKey);
            ps.setLong(i++, afterId);
            ps.setInt(i++, limit);
            ps.setLong(i, maxBytes);
        });
    }

    List<ReplayRecord> newest(List<String> visitorKeys) {
        if (visitorKeys.isEmpty()) {
            return List.of();
        }
        return jdbc(NEWEST, ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", visitorKeys.toArray())));
    }

    /** The replay's copies the relay has not published yet. */
    public long unpublished(UUID replayId) {
        return ((Number) em.createNativeQuery(
                                "SELECT count(*) FROM outbox_event WHERE replay_id = ?1 AND published_at IS NULL")
                        .setParameter(1, replayId)
                        .getSingleResult())
                .longValue();
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<ReplayRecord> jdbc(String sql, Binder binder) {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                List<ReplayRecord> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp erased = rs.getTimestamp(11);
                        rows.add(new ReplayRecord(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getTimestamp(7).toInstant(),
                                rs.getString(8),
                                rs.getString(9),
                                rs.getBoolean(10),
                                erased == null ? null : erased.toInstant()));
                    }
                }
                return rows;
            }
        });
    }
}
