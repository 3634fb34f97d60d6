package io.cobrowse.ingest.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The statements on the relays' leases, by the database's clock: relay_partition_lease (one row per partition),
 * relay_member (the running relays) and relay_lease (the whole outbox's lease of the previous version's single
 * leader). {@code expires_at} is when the holder's lease runs out unless renewed; {@code quiet_at} is when
 * whatever it may have handed to its producer has landed or failed (the lease plus the producer's time-outs),
 * before which no successor publishes.
 */
final class LeaseTable {

    /** relay_lease's holder while partitioned relays run: no previous version's leader to wait for. */
    static final String PARTITIONED = "partitioned relays";

    private final Connection c;

    LeaseTable(Connection c) {
        this.c = c;
    }

    /**
     * Ends the database sessions that hold a partition's lock after its lease has run out, or the previous
     * version's leader lock after relay_lease has run out: their locks go with them. Returns whether a session
     * was ended.
     */
    boolean endExpiredHolders(RelayLocks locks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FILTER (WHERE pg_terminate_backend(l.pid))
                FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.mode = 'ExclusiveLock'
                  AND l.classid = ?::int4::oid AND l.pid <> pg_backend_pid()
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND (EXISTS (SELECT 1 FROM unnest(?::int4[]) WITH ORDINALITY AS k(objid, n)
                               JOIN relay_partition_lease r ON r.partition = k.n - 1
                               WHERE l.objid = k.objid::oid AND r.expires_at < now())
                       OR l.objid = ?::int4::oid AND EXISTS (
                           SELECT 1 FROM relay_lease WHERE expires_at < now() AND holder <> ?))""")) {
            ps.setInt(1, locks.classId());
            ps.setArray(2, c.createArrayOf("int4", locks.partitionObjIds()));
            ps.setInt(3, locks.joinObjId());
            ps.setString(4, PARTITIONED);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Carries the previous version's lease over to every partition, once the first partitioned relay runs: no
     * partition publishes before what that leader may have had in flight is quiet.
     */
    void adoptPreviousVersion() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE relay_partition_lease p SET quiet_at = greatest(p.quiet_at, l.quiet_at)
                FROM relay_lease l WHERE l.holder <> ?""")) {
            ps.setString(1, PARTITIONED);
            ps.executeUpdate();
        }
    }

    /** The lease of a partition as a new holder found it: who held it, and how long until its sends are quiet. */
    record Previous(String holder, Duration untilQuiet) {}

    /**
     * Takes a partition's lease for this holder, which holds the partition's lock. The previous lease is read
     * locked (in the join, before the update: a locking read in a WITH would come after it and find nothing),
     * so a release whose lock went a moment before its update committed is read as it committed.
     */
    Previous take(String holder, int partition, Duration lease, Duration inFlight) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE relay_partition_lease r
                SET holder = ?, expires_at = now() + ? * interval '1 millisecond',
                    quiet_at = now() + ? * interval '1 millisecond'
                FROM (SELECT partition, holder, quiet_at FROM relay_partition_lease WHERE partition = ? FOR UPDATE)
                    AS previous
                WHERE r.partition = previous.partition
                RETURNING previous.holder,
                          greatest(0, ceil(extract(epoch FROM previous.quiet_at - now()) * 1000))::bigint""")) {
            ps.setString(1, holder);
            ps.setLong(2, lease.toMillis());
            ps.setLong(3, lease.plus(inFlight).toMillis());
            ps.setInt(4, partition);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("relay_partition_lease has no row for partition " + partition);
                }
                return new Previous(rs.getString(1), Duration.ofMillis(rs.getLong(2)));
            }
        }
    }

    /**
     * Extends this holder's membership and the leases of its partitions, and keeps the previous version's
     * replicas from taking over meanwhile. Returns how many of the partitions' leases were still this holder's.
     */
    int renew(String holder, Integer[] partitions, Duration lease, Duration inFlight) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH member AS (
                    INSERT INTO relay_member (holder, expires_at) VALUES (?, now() + ? * interval '1 millisecond')
                    ON CONFLICT (holder) DO UPDATE SET expires_at = excluded.expires_at),
                gone AS (DELETE FROM relay_member WHERE expires_at < now() - interval '1 hour'),
                previous_version AS (
                    UPDATE relay_lease SET holder = ?,
                        expires_at = greatest(expires_at, now() + ? * interval '1 millisecond'),
                        quiet_at = greatest(quiet_at, now() + ? * interval '1 millisecond')),
                renewed AS (
                    UPDATE relay_partition_lease SET expires_at = now() + ? * interval '1 millisecond',
                                                     quiet_at = now() + ? * interval '1 millisecond'
                    WHERE holder = ? AND partition = ANY(?) RETURNING 1)
                SELECT count(*) FROM renewed""")) {
            long expires = lease.toMillis();
            long quiet = lease.plus(inFlight).toMillis();
            ps.setString(1, holder);
            ps.setLong(2, expires);
            ps.setString(3, PARTITIONED);
            ps.setLong(4, expires);
            ps.setLong(5, quiet);
            ps.setLong(6, expires);
            ps.setLong(7, quiet);
            ps.setString(8, holder);
            ps.setArray(9, c.createArrayOf("int4", partitions));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The relays running now, this one included. */
    int members(String holder) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT count(*) + 1 FROM relay_member WHERE expires_at > now() AND holder <> ?")) {
            ps.setString(1, holder);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Gives a partition up: its lease ends now, and a successor publishes once what is still in flight is
     * quiet. The lock goes in the same statement, after the update, so nobody sees the lease run out while
     * the lock is still held.
     */
    void release(String holder, int partition, Duration stillInFlight, RelayLocks locks) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH released AS (
                    UPDATE relay_partition_lease
                    SET expires_at = now(), quiet_at = now() + ? * interval '1 millisecond'
                    WHERE partition = ? AND holder = ? RETURNING 1)
                SELECT pg_advisory_unlock(?, ?) WHERE (SELECT count(*) FROM released) >= 0""")) {
            ps.setLong(1, stillInFlight.toMillis());
            ps.setInt(2, partition);
            ps.setString(3, holder);
            ps.setInt(4, locks.classId());
            ps.setInt(5, locks.partitionObjId(partition));
            ps.executeQuery().close();
        }
    }

    /** Leaves the relays: the others share the partitions without this one from their next balance on. */
    void leave(String holder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM relay_member WHERE holder = ?")) {
            ps.setString(1, holder);
            ps.executeUpdate();
        }
    }
}
