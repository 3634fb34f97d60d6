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
import java.util.List;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * The relay's own database connection, outside the pool: it holds the leader lock for as long as it is
 * open, listens for the writers' notifications, reads unpublished rows and marks them published.
 */
final class RelayConnection implements AutoCloseable {

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

    /**
     * Whether this connection now holds the leader lock (it keeps it until closed). The lock's number is
     * taken as two 32-bit keys: that form has a key space of its own, apart from the one-number form of the
     * writers' per-visitor locks, so no visitor's hash can ever meet it. While a replica of an earlier
     * version holds the lock in the one-number form (same two halves, objsubid 1), none is taken, so that
     * a rolling upgrade never has two leaders.
     */
    boolean tryLead(long leaderLock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT CASE WHEN EXISTS (
                           SELECT 1 FROM pg_locks
                           WHERE locktype = 'advisory' AND granted AND objsubid = 1
                             AND classid = ?::int4::oid AND objid = ?::int4::oid
                             AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
                       THEN false ELSE pg_try_advisory_lock(?, ?) END""")) {
            int high = (int) (leaderLock >>> 32);
            int low = (int) leaderLock;
            ps.setInt(1, high);
            ps.setInt(2, low);
            ps.setInt(3, high);
            ps.setInt(4, low);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Subscribes to the writers' notifications and relaxes the durability of the published marks. */
    void listen() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + OutboxEvent.NOTIFY_CHANNEL);
            // a published mark lost in a crash only means the row is sent again (at least once), so
            // it need not wait for the WAL flush that the webhooks' own commits are queuing for
            s.execute("SET synchronous_commit = off");
        }
    }

    /** The oldest unpublished rows, in id order. */
    List<OutboxRow> fetch(int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload, created_at
                FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT ?""")) {
            ps.setInt(1, limit);
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
                            rs.getTimestamp(9).toInstant()));
                }
            }
            return rows;
        }
    }

    /** Waits for a notification, at most the given time. */
    void awaitNotification(Duration atMost) throws SQLException {
        c.unwrap(PGConnection.class).getNotifications((int) atMost.toMillis());
    }

    void markPublished(List<OutboxRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE outbox_event SET published_at = now() WHERE id = ANY(?)")) {
            ps.setArray(
                    1,
                    c.createArrayOf("bigint", rows.stream().map(OutboxRow::id).toArray(Long[]::new)));
            ps.executeUpdate();
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
