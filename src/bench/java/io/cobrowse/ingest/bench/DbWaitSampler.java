package io.cobrowse.ingest.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Samples what the writer's database connections are doing (pg_stat_activity) every 50 ms of a
 * measured window: running a statement in PostgreSQL, waiting for a lock, waiting for WAL or disk,
 * or idle inside an open transaction, which means the writer is busy on its own side. Averaged, it
 * says where a webhook's transaction spends its time. It also counts the autovacuum workers in the
 * writer's database: a vacuum or analyze of a busy table takes a core for a second or more.
 */
final class DbWaitSampler implements AutoCloseable {

    private static final long PERIOD_MILLIS = 50;
    private static final String AUTOVACUUM = "autovacuum";

    private final Connection connection;
    private final String applicationName;
    private final Map<String, Long> counts = new HashMap<>();
    private long samples;
    private Thread sampler;
    private volatile boolean sampling;

    DbWaitSampler(String jdbcUrl, String user, String password, String applicationName) throws SQLException {
        this.connection = DriverManager.getConnection(jdbcUrl, user, password);
        this.applicationName = applicationName;
    }

    synchronized void begin() {
        counts.clear();
        samples = 0;
        sampling = true;
        sampler = new Thread(this::sampleLoop, "db-wait-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    DbWaits end() throws InterruptedException {
        sampling = false;
        Thread t = sampler;
        if (t != null) {
            t.join(2000);
        }
        synchronized (this) {
            if (samples == 0) {
                return null;
            }
            Map<String, Double> mean = new TreeMap<>();
            counts.forEach((k, v) -> mean.put(k, Math.round(100.0 * v / samples) / 100.0));
            return new DbWaits(
                    samples,
                    sum(mean, "running"),
                    sum(mean, "lock"),
                    sum(mean, "io"),
                    sum(mean, "in-transaction"),
                    sum(mean, AUTOVACUUM),
                    mean);
        }
    }

    private static double sum(Map<String, Double> mean, String category) {
        return Math.round(100
                        * mean.entrySet().stream()
                                .filter(e -> e.getKey().startsWith(category + ":")
                                        || e.getKey().equals(category))
                                .mapToDouble(Map.Entry::getValue)
                                .sum())
                / 100.0;
    }

    private void sampleLoop() {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT state, wait_event_type, wait_event, backend_type = 'autovacuum worker' FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                  AND (application_name = ? OR backend_type = 'autovacuum worker')""")) {
            ps.setString(1, applicationName);
            while (sampling) {
                Map<String, Long> one = new HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String category = rs.getBoolean(4)
                                ? AUTOVACUUM
                                : category(rs.getString(1), rs.getString(2), rs.getString(3));
                        if (category != null) {
                            one.merge(category, 1L, Long::sum);
                        }
                    }
                }
                synchronized (this) {
                    one.forEach((k, v) -> counts.merge(k, v, Long::sum));
                    samples++;
                }
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (SQLException | InterruptedException e) {
            // the window ends without more samples
        }
    }

    /** A connection's state as "category:detail", or null when it is idle between transactions. */
    private static String category(String state, String waitType, String waitEvent) {
        if (state == null || state.equals("idle")) {
            return null;
        }
        if (state.startsWith("idle in transaction")) {
            return "in-transaction";
        }
        if (waitType == null) {
            return "running";
        }
        String detail = waitType + "/" + waitEvent;
        return switch (waitType) {
            case "Lock" -> "lock:" + detail;
            case "IO", "LWLock", "IPC" -> "io:" + detail;
            default -> "other:" + detail;
        };
    }

    @Override
    public void close() throws SQLException {
        sampling = false;
        connection.close();
    }

    @Override
    public String toString() {
        return "the database wait sampler";
    }
}
