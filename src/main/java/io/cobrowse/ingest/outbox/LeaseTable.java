package io.cobrowse.ingest.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The statements on relay_lease, the leader's lease: one row, by the database's clock. {@code expires_at}
 * is when the holder's lease runs out unless renewed; {@code quiet_at} is when whatever it may have handed
 * to its producer has landed or failed (the lease plus the producer's time-outs), before which no successor
 * publishes.
 */
final class LeaseTable {

    private final Connection c;

    LeaseTable(Connection c) {
        this.c = c;
    }

    /**
     * Ends the database session that holds the leader lock, if the lease has run out: its session lock goes
     * with it. Returns whether a session was ended.
     */
    boolean endExpiredHolder(long leaderLock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(l.pid))
                FROM pg_locks l, relay_lease r
                WHERE r.expires_at < now() AND l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                  AND l.classid = ?::int4::oid AND l.objid = ?::int4::oid AND l.pid <> pg_backend_pid()
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())""")) {
            ps.setInt(1, RelayConnection.high(leaderLock));
            ps.setInt(2, RelayConnection.low(leaderLock));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /** The lease as a new holder found it: who held it, and how long until that holder's sends are quiet. */
    record Previous(String holder, Duration untilQuiet) {}

    /** Takes the lease for this holder. */
    Previous take(String holder, Duration lease, Duration inFlight) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH previous AS (SELECT holder, quiet_at FROM relay_lease)
                INSERT INTO relay_lease (id, holder, expires_at, quiet_at)
                VALUES (true, ?, now() + ? * interval '1 millisecond', now() + ? * interval '1 millisecond')
                ON CONFLICT (id) DO UPDATE
                    SET holder = excluded.holder, expires_at = excluded.expires_at, quiet_at = excluded.quiet_at
                RETURNING (SELECT holder FROM previous),
                          (SELECT greatest(0, ceil(extract(epoch FROM previous.quiet_at - now()) * 1000))::bigint
                           FROM previous)""")) {
            ps.setString(1, holder);
            ps.setLong(2, lease.toMillis());
            ps.setLong(3, lease.plus(inFlight).toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Previous(rs.getString(1), Duration.ofMillis(rs.getLong(2)));
            }
        }
    }

    /** Extends the lease; false when it is no longer this holder's (another replica took over). */
    boolean renew(String holder, Duration lease, Duration inFlight) throws SQLException {
        return update(holder, lease, lease.plus(inFlight));
    }

    /** Gives the lease up: a successor may lead at once, and publish once what is still in flight is quiet. */
    void release(String holder, Duration stillInFlight) throws SQLException {
        update(holder, Duration.ZERO, stillInFlight);
    }

    private boolean update(String holder, Duration expiresIn, Duration quietIn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE relay_lease SET expires_at = now() + ? * interval '1 millisecond',
                                       quiet_at = now() + ? * interval '1 millisecond'
                WHERE holder = ?""")) {
            ps.setLong(1, expiresIn.toMillis());
            ps.setLong(2, quietIn.toMillis());
            ps.setString(3, holder);
            return ps.executeUpdate() == 1;
        }
    }
}
