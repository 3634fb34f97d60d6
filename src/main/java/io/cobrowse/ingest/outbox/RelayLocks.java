package io.cobrowse.ingest.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The relays' advisory locks, in the two-number form, whose key space never meets the one-number form of the
 * writers' per-visitor locks. The configured leader lock's two halves name the join lock, which every
 * partitioned relay holds shared (a replica of the previous version took it exclusively to lead the whole
 * outbox, so the two never publish at once), and the numbers after it name the partitions' locks.
 */
record RelayLocks(int classId, int joinObjId) {

    /** A row's partition, in SQL: the same hash as the erasure fence's, of the visitor key. */
    static final String PARTITION_OF_ROW = "(hashtext(visitor_key) & " + (OutboxRelay.PARTITIONS - 1) + ")";

    static RelayLocks of(long leaderLock) {
        return new RelayLocks((int) (leaderLock >>> 32), (int) leaderLock);
    }

    int partitionObjId(int partition) {
        return joinObjId + 1 + partition;
    }

    Integer[] partitionObjIds() {
        Integer[] ids = new Integer[OutboxRelay.PARTITIONS];
        for (int p = 0; p < OutboxRelay.PARTITIONS; p++) {
            ids[p] = partitionObjId(p);
        }
        return ids;
    }

    /**
     * Whether the relay's connection now holds the join lock, shared with the other partitioned relays (it
     * keeps it until closed). None is taken while a replica of a previous version leads the whole outbox: one
     * holding the join lock exclusively, or an earlier one holding it in the one-number form (same two halves,
     * objsubid 1), so that a rolling upgrade never has two relays publishing a visitor's records.
     */
    boolean join(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT CASE WHEN EXISTS (
                           SELECT 1 FROM pg_locks
                           WHERE locktype = 'advisory' AND granted AND objsubid = 1
                             AND classid = ?::int4::oid AND objid = ?::int4::oid
                             AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
                       THEN false ELSE pg_try_advisory_lock_shared(?, ?) END""")) {
            ps.setInt(1, classId);
            ps.setInt(2, joinObjId);
            ps.setInt(3, classId);
            ps.setInt(4, joinObjId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * The partitions whose lock no session holds, in one look at pg_locks: a relay below its share tries only
     * these, not a lock per partition every poll interval.
     */
    List<Integer> free(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT k.n - 1 FROM unnest(?::int4[]) WITH ORDINALITY AS k(objid, n)
                WHERE NOT EXISTS (
                    SELECT 1 FROM pg_locks l
                    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
                      AND l.classid = ?::int4::oid AND l.objid = k.objid::oid
                      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
                ORDER BY k.n""")) {
            ps.setArray(1, c.createArrayOf("int4", partitionObjIds()));
            ps.setInt(2, classId);
            List<Integer> free = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    free.add(rs.getInt(1));
                }
            }
            return free;
        }
    }

    /** Whether the relay's connection now holds the partition's lock (until it releases it or closes). */
    boolean tryLockPartition(Connection c, int partition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, classId);
            ps.setInt(2, partitionObjId(partition));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
