package io.cobrowse.ingest.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Plain SQL against the service's database, for tests that check what was (not) stored. */
public final class Db {

    private final DataSource dataSource;

    public Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long count(String sql, Object... params) {
        return ((Number) one(sql, params)).longValue();
    }

    /**
     * The count once it reaches the expected one, or the last count after a few seconds: refused requests are
     * written in batches about once a second.
     */
    public long awaitCount(long expected, String sql, Object... params) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
        long n = count(sql, params);
        while (n != expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            n = count(sql, params);
        }
        return n;
    }

    public Object one(String sql, Object... params) {
        List<List<Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    public List<List<Object>> rows(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<List<Object>> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fingerprint of everything the service stores, to show that a request changed nothing. */
    public String snapshot() {
        return String.valueOf(rows("""
                SELECT (SELECT count(*) FROM inbox_event), (SELECT count(*) FROM outbox_event),
                       (SELECT count(*) FROM visitor), (SELECT count(*) FROM session),
                       (SELECT count(*) FROM agent), (SELECT coalesce(max(updated_at)::text, '') FROM visitor),
                       (SELECT coalesce(max(updated_at)::text, '') FROM session)"""));
    }

    /** Every table where the value appears in a row, as text or as UTF-8 bytes (personal data left behind). */
    public List<String> occurrences(String value) {
        List<List<Object>> tables = rows("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE'""");
        String hex = java.util.HexFormat.of().formatHex(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> found = new java.util.ArrayList<>();
        for (List<Object> t : tables) {
            String table = (String) t.get(0);
            long n = count(
                    "SELECT count(*) FROM " + table + " x WHERE x::text LIKE ? OR x::text LIKE ?",
                    "%" + value + "%",
                    "%" + hex + "%");
            if (n > 0) {
                found.add(table);
            }
        }
        return found;
    }
}
