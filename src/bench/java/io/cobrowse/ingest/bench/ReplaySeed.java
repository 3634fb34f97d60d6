package io.cobrowse.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Live records for the replay measurement, written straight into the service's database as its writers store
 * them: one inbox row and one outbox row per webhook, ten per visitor, half of them visitor snapshots and half
 * session snapshots (the golden normalized forms, about 1 kB each), a visitor's rows spread over the whole id
 * range as interleaved traffic leaves them. One transaction; the relay is woken by its commit.
 */
final class ReplaySeed {

    /** The ids a seed took and the window of its webhooks' receipt. */
    record Seeded(long firstId, long lastId, int visitors, Instant from, Instant to) {}

    private static final int RECORDS_PER_VISITOR = 10;

    private ReplaySeed() {}

    static Seeded write(String jdbcUrl, String user, String password, String run, int records) throws SQLException {
        int visitors = Math.max(1, records / RECORDS_PER_VISITOR);
        String prefix = "bench-replay-" + run + "-";
        // a window of one microsecond per webhook, from now: nothing else is received in it
        Instant from = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant to = from.plus(records + 1L, ChronoUnit.MICROS);
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256, status,
                                             visitor_key)
                    SELECT ? || n, CASE WHEN n % 2 = 0 THEN 'visitor.updated' ELSE 'session.updated' END,
                           timestamptz '2026-11-24T00:00:00Z' + n * interval '1 millisecond',
                           ?::timestamptz + n * interval '1 microsecond', sha256(convert_to(? || n, 'UTF8')), 'applied',
                           ? || (n % ?)
                    FROM generate_series(0, ? - 1) AS n""")) {
                ps.setString(1, prefix);
                ps.setString(2, from.toString());
                ps.setString(3, prefix);
                ps.setString(4, prefix + "v");
                ps.setInt(5, visitors);
                ps.setInt(6, records);
                ps.executeUpdate();
            }
            long firstId;
            long lastId;
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH inserted AS (
                        INSERT INTO outbox_event (webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload,
                                                  visitor_key, created_at)
                        SELECT ? || n, CASE WHEN n % 2 = 0 THEN 'cobrowse.visitors.v1' ELSE 'cobrowse.sessions.v1' END,
                               k, CASE WHEN n % 2 = 0 THEN 'cobrowse.visitor.updated' ELSE 'cobrowse.session.updated' END,
                               CASE WHEN n % 2 = 0 THEN k ELSE 'ses_' || k END,
                               timestamptz '2026-11-24T00:00:00Z' + n * interval '1 millisecond',
                               replace(replace(CASE WHEN n % 2 = 0 THEN ? ELSE ? END, 'k7Qm2Xp9', k), 'ses_9f2c41', 'ses_' || k),
                               k, now()
                        FROM (SELECT n, ? || (n % ?) AS k FROM generate_series(0, ? - 1) AS n) s
                        ORDER BY n
                        RETURNING id)
                    SELECT min(id), max(id), pg_notify('cobrowse_outbox', '') FROM inserted""")) {
                ps.setString(1, prefix);
                ps.setString(2, golden("visitor.updated"));
                ps.setString(3, golden("session.started"));
                ps.setString(4, prefix + "v");
                ps.setInt(5, visitors);
                ps.setInt(6, records);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    firstId = rs.getLong(1);
                    lastId = rs.getLong(2);
                }
            }
            c.commit();
            return new Seeded(firstId, lastId, visitors, from, to);
        }
    }

    /** Rows of the seed the relay has not published yet. */
    static long unpublished(Connection c, Seeded seed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND id BETWEEN ? AND ?")) {
            ps.setLong(1, seed.firstId());
            ps.setLong(2, seed.lastId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The golden normalized form of a type, on one line as the service writes it. */
    private static String golden(String type) {
        try (InputStream in = ReplaySeed.class.getResourceAsStream("/golden/" + type + ".json")) {
            ObjectMapper json = new ObjectMapper();
            return json.writeValueAsString(json.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
