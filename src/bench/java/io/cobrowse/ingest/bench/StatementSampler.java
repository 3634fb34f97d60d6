package io.cobrowse.ingest.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The statements PostgreSQL ran for one database during a window, from pg_stat_statements (which the
 * benchmark's PostgreSQL preloads): how many, and which took its time. Each is one execution on the server; a
 * JDBC batch sends several in one round trip, so this counts work for the server rather than round trips. The
 * benchmark's own sampling queries are left out.
 */
final class StatementSampler implements AutoCloseable {

    /** The statements of a window: their total, and the most expensive ones first. */
    record Use(long calls, double execMs, List<Line> top) {}

    /** One normalized statement (parameters as $n), shortened. */
    record Line(String query, long calls, double execMs) {}

    record Snapshot(Map<Long, Line> byId) {}

    private static final int TOP = 8;
    private static final int QUERY_CHARS = 110;

    private final Connection connection;

    private StatementSampler(Connection connection) {
        this.connection = connection;
    }

    /** A sampler for the database of the URL, or null where pg_stat_statements is not loaded. */
    static StatementSampler open(String jdbcUrl, String user, String password) {
        try {
            Connection c = DriverManager.getConnection(jdbcUrl, user, password);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                s.executeQuery("SELECT 1 FROM pg_stat_statements LIMIT 1").close();
                return new StatementSampler(c);
            } catch (SQLException notLoaded) {
                c.close();
                return null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    Snapshot take() {
        Map<Long, Line> byId = new HashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT queryid, calls, total_exec_time, query FROM pg_stat_statements
                        WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND queryid IS NOT NULL AND query NOT ILIKE '%pg_stat%' AND query NOT ILIKE '%xmin::text%'""")) {
            while (rs.next()) {
                byId.put(rs.getLong(1), new Line(rs.getString(4), rs.getLong(2), rs.getDouble(3)));
            }
        } catch (SQLException e) {
            return null;
        }
        return new Snapshot(byId);
    }

    static Use between(Snapshot a, Snapshot b) {
        if (a == null || b == null) {
            return null;
        }
        List<Line> lines = new ArrayList<>();
        long calls = 0;
        double ms = 0;
        for (Map.Entry<Long, Line> e : b.byId().entrySet()) {
            Line before = a.byId().get(e.getKey());
            long c = e.getValue().calls() - (before == null ? 0 : before.calls());
            double t = e.getValue().execMs() - (before == null ? 0 : before.execMs());
            if (c > 0) {
                calls += c;
                ms += t;
                lines.add(new Line(shorten(e.getValue().query()), c, t));
            }
        }
        lines.sort(Comparator.comparingDouble(Line::execMs).reversed());
        return new Use(calls, ms, List.copyOf(lines.subList(0, Math.min(TOP, lines.size()))));
    }

    /** The statement on one line, cut to a length a table can show. */
    private static String shorten(String query) {
        // a table cell cannot hold a bare |
        String oneLine = query.replaceAll("\\s+", " ").strip().replace("|", "\\|");
        return oneLine.length() <= QUERY_CHARS ? oneLine : oneLine.substring(0, QUERY_CHARS - 3) + "...";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
