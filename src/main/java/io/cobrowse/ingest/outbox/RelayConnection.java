package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.domain.OutboxEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * The relay's own database connection, outside the pool: it holds the join lock and its partitions' locks
 * for as long as it is open, listens for the writers' notifications, reads unpublished rows and marks them
 * published.
 */
final class RelayConnection implements AutoCloseable {

    private static final String COLUMNS =
            "id, webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload, created_at, visitor_key";

    private final Connection c;

    private RelayConnection(Connection c) {
        this.c = c;
    }

    static RelayConnection open(String jdbcUrl, String username, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", username);
        p.setProperty("password", password);
        p.setProperty("connectTimeout", "5");
        p.setProperty("socketTimeout", "60");
        p.setProperty("tcpKeepAlive", "true");
        // like the pool: no column values (personal data) in error messages
        p.setProperty("logServerErrorDetail", "false");
        p.setProperty("ApplicationName", "cobrowse-ingest outbox relay");
        Connection c = DriverManager.getConnection(jdbcUrl, p);
        c.setAutoCommit(true);
        return new RelayConnection(c);
    }

    Connection connection() {
        return c;
    }

    /**
     * Subscribes to the writers' notifications, relaxes the durability of the published marks and keeps the
     * fetch reading in id order.
     */
    void listen() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + OutboxEvent.NOTIFY_CHANNEL);
            // a published mark lost in a crash only means the row is sent again (at least once), so
            // it need not wait for the WAL flush that the webhooks' own commits are queuing for
            s.execute("SET synchronous_commit = off");
            // statistics of a queue are always stale: taken when few rows waited, they make reading a whole
            // backlog and sorting it look as cheap as reading its oldest rows in index order, and a relay that
            // did so on every round published half as fast. None of its statements needs a sort of many rows.
            s.execute("SET enable_sort = off");
        }
    }

    /**
     * The oldest unpublished rows, in id order, but for parked rows and the rows of their visitors behind
     * them. The parked rows are looked up once per fetch, not once per row: as a per-row probe, PostgreSQL at
     * times planned it (after an analyze that saw few unpublished rows) as a walk of the whole unpublished index
     * for each row fetched, published rows not yet vacuumed included, and at the peak the relay fell behind by
     * tens of thousands of records.
     */
    static final String FETCH = """
            WITH parked AS MATERIALIZED (
                SELECT visitor_key, min(id) AS first_id FROM outbox_event
                WHERE parked_at IS NOT NULL AND published_at IS NULL
                GROUP BY visitor_key)
            SELECT %s FROM outbox_event o
            WHERE published_at IS NULL AND parked_at IS NULL AND %s = ANY(?)
              AND NOT EXISTS (SELECT 1 FROM parked p WHERE p.visitor_key = o.visitor_key AND p.first_id < o.id)
            ORDER BY id LIMIT ?""".formatted(COLUMNS, RelayLocks.PARTITION_OF_ROW);

    /** The oldest unpublished rows of the given partitions. */
    List<OutboxRow> fetch(Integer[] partitions, int limit) throws SQLException {
        return rows(FETCH, partitions, limit);
    }

    /** The oldest parked row of each visitor of the given partitions, in id order: what holds each back. */
    List<OutboxRow> fetchParked(Integer[] partitions, int limit) throws SQLException {
        return rows("""
                SELECT * FROM (
                    SELECT DISTINCT ON (visitor_key) %s FROM outbox_event
                    WHERE parked_at IS NOT NULL AND published_at IS NULL AND %s = ANY(?)
                    ORDER BY visitor_key, id) AS heads
                ORDER BY id LIMIT ?""".formatted(COLUMNS, RelayLocks.PARTITION_OF_ROW), partitions, limit);
    }

    private List<OutboxRow> rows(String sql, Integer[] partitions, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("int4", partitions));
            ps.setInt(2, limit);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getTimestamp(7).toInstant(),
                            rs.getString(8),
                            rs.getTimestamp(9).toInstant(),
                            rs.getString(10)));
                }
            }
            return rows;
        }
    }

    /**
     * Holds the erasure fence of the rows' visitors ({@link OutboxEvent#ERASURE_FENCE}) and returns the rows
     * as they are now: an erasure that committed since they were read has stripped them, and one that comes
     * now waits until the fence is released after the round. One round trip: the rows are read again by a
     * second statement, whose snapshot is taken once the first has the locks.
     */
    List<OutboxRow> fence(List<OutboxRow> rows) throws SQLException {
        Map<Long, String> current = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(pg_advisory_lock_shared(?, hashtext(k))) FROM unnest(?::text[]) AS t(k);"
                        + " SELECT id, payload FROM outbox_event WHERE id = ANY(?)")) {
            ps.setInt(1, OutboxEvent.ERASURE_FENCE);
            ps.setArray(2, c.createArrayOf("text", visitorKeys(rows)));
            ps.setArray(3, ids(rows));
            ps.execute();
            if (!ps.getMoreResults()) {
                throw new SQLException("the fenced rows were not read again");
            }
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    current.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return rows.stream()
                .map(r -> Objects.equals(r.payload(), current.get(r.id())) ? r : r.withPayload(current.get(r.id())))
                .toList();
    }

    /** Releases the fence of a round that ends without marking anything (it failed, or its lease ran out). */
    void releaseFence(List<OutboxRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(pg_advisory_unlock_shared(?, hashtext(k))) FROM unnest(?::text[]) AS t(k)")) {
            ps.setInt(1, OutboxEvent.ERASURE_FENCE);
            ps.setArray(2, c.createArrayOf("text", visitorKeys(rows)));
            ps.executeQuery().close();
        }
    }

    /**
     * Marks the round's acknowledged rows published, then releases the round's fence, in one statement: the
     * one-time filter makes the update run before the first lock is let go.
     */
    void markPublishedAndReleaseFence(List<OutboxRow> published, List<OutboxRow> fenced) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH marked AS (UPDATE outbox_event SET published_at = now() WHERE id = ANY(?) RETURNING 1)
                SELECT count(pg_advisory_unlock_shared(?, hashtext(k))) FROM unnest(?::text[]) AS t(k)
                WHERE (SELECT count(*) FROM marked) >= 0""")) {
            ps.setArray(1, ids(published));
            ps.setInt(2, OutboxEvent.ERASURE_FENCE);
            ps.setArray(3, c.createArrayOf("text", visitorKeys(fenced)));
            ps.executeQuery().close();
        }
    }

    private java.sql.Array ids(List<OutboxRow> rows) throws SQLException {
        return c.createArrayOf("bigint", rows.stream().map(OutboxRow::id).toArray(Long[]::new));
    }

    private static Object[] visitorKeys(List<OutboxRow> rows) {
        return rows.stream().map(OutboxRow::visitorKey).distinct().toArray();
    }

    /** Waits for a notification, at most the given time. */
    void awaitNotification(Duration atMost) throws SQLException {
        c.unwrap(PGConnection.class).getNotifications((int) atMost.toMillis());
    }

    /** Parks the rows with the class of Kafka's refusal; a row parked before keeps its time. */
    void park(List<RoundResult.Parked> parked) throws SQLException {
        if (parked.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE outbox_event o SET parked_at = coalesce(o.parked_at, now()), park_reason = r.reason
                FROM unnest(?::bigint[], ?::text[]) AS r(id, reason) WHERE o.id = r.id""")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "bigint", parked.stream().map(p -> p.row().id()).toArray(Long[]::new)));
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "text",
                            parked.stream().map(RoundResult.Parked::reason).toArray(String[]::new)));
            ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
