package io.cobrowse.ingest.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Puts webhooks into the service's database as if they had arrived ten minutes ago, past the short retentions the
 * benchmark gives the service: their inbox rows with a raw body of the usual size and their published records, and
 * as many older rows whose bodies and records are gone already. Written straight with SQL in one transaction, so
 * that a retention job at work sees them all at once.
 */
final class AgedRows {

    /** A visitor.updated body of the size the event mix sends, personal data made up. */
    private static final String BODY = "{\"type\":\"visitor.updated\",\"timestamp\":\"2026-11-24T10:04:59Z\",\"data\":"
            + "{\"short_id\":\"%s\",\"email\":\"someone@example.com\",\"name\":\"Some One\",\"identities\":[],"
            + "\"last_url\":\"https://shop.example.com/checkout?step=2\",\"sdk\":\"web\",\"filler\":\"%s\"}}";

    private final String url;
    private final String user;
    private final String password;

    AgedRows(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /**
     * Per row of {@code count}: a webhook with its body and a published record, one stale webhook with a body and
     * no record, and one webhook row whose body and record are gone; all received ten minutes ago.
     */
    void add(String prefix, int count) throws SQLException {
        String body = BODY.formatted("%s", "x".repeat(600));
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            c.setAutoCommit(false);
            insert(c, """
                    INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256,
                                             raw_body, status, visitor_key)
                    SELECT ? || kind || g, 'visitor.updated', now() - interval '10 minutes',
                           now() - interval '10 minutes' + g * interval '1 ms', sha256(convert_to(kind || g, 'UTF8')),
                           CASE WHEN kind = 'gone' THEN NULL
                                ELSE convert_to(replace(?, '%s', ? || g), 'UTF8') END,
                           CASE WHEN kind = 'stale' THEN 'stale' ELSE 'applied' END, ? || g
                    FROM generate_series(1, ?) g, unnest(ARRAY['pub', 'stale', 'gone']) kind""", prefix, body, prefix, prefix, count);
            insert(c, """
                    INSERT INTO outbox_event (webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload,
                                              visitor_key, created_at, published_at)
                    SELECT ? || 'pub' || g, 'cobrowse.visitors.v1', ? || g, 'cobrowse.visitor.updated', ? || g,
                           now() - interval '10 minutes', replace(?, '%s', ? || g), ? || g,
                           now() - interval '10 minutes', now() - interval '10 minutes' + g * interval '1 ms'
                    FROM generate_series(1, ?) g""", prefix, prefix, prefix, body, prefix, prefix, count);
            // rows never arrive behind where the raw-body pass has got to; these do, so the mark goes back with them
            insert(c, "DELETE FROM retention_progress");
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE inbox_event");
                s.execute("ANALYZE outbox_event");
            }
        }
    }

    /**
     * Empties the service's tables, so that each peak run starts from the same state; before the first service
     * start there are none yet.
     */
    void emptyTables() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ BEGIN
                        IF to_regclass('inbox_event') IS NOT NULL THEN
                            TRUNCATE inbox_event, outbox_event, visitor, session, agent, retention_progress CASCADE;
                        END IF;
                    END $$""");
        }
    }

    /** Rows older than five minutes still there: records, bodies or webhook rows the job has yet to remove. */
    long left() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT (SELECT count(*) FROM outbox_event WHERE published_at < now() - interval '5 minutes')
                             + (SELECT count(*) FROM inbox_event WHERE received_at < now() - interval '5 minutes')""")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insert(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
