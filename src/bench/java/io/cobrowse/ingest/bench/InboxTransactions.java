package io.cobrowse.ingest.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * How many webhooks each transaction carried, from the inbox itself: rows inserted by one
 * transaction share its id (xmin). For the service it shows how well concurrent webhooks are
 * grouped into one commit; for the baseline it is 1 by construction.
 */
final class InboxTransactions implements AutoCloseable {

    private final Connection connection;

    InboxTransactions(String jdbcUrl, String user, String password) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Webhooks per transaction among those received in [from, to), or null when there were none. */
    Double eventsPerTransaction(Instant from, Instant to) {
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT count(*), count(DISTINCT xmin::text) FROM inbox_event
                WHERE received_at >= ? AND received_at < ?""")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long transactions = rs.getLong(2);
                return transactions == 0 ? null : Math.round(10.0 * rs.getLong(1) / transactions) / 10.0;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
