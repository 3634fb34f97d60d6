package io.cobrowse.ingest.outbox;

/**
 * The relays' advisory locks, in the two-number form, whose key space never meets the one-number form of the
 * writers' per-visitor locks. The configured leader lock's two halves name the join lock, which every
 * partitioned relay holds shared (a replica of the previous version took it exclusively to lead the whole
 * outbox, so the two never publish at once), and the numbers after it name the partitions' locks.
 */
record RelayLocks(int classId, int joinObjId) {

    /** Partitions of the visitor key; relay_partition_lease has one row for each. */
    static final int PARTITIONS = 16;

    /** A row's partition, in SQL: the same hash as the erasure fence's, of the visitor key. */
    static final String PARTITION_OF_ROW = "(hashtext(visitor_key) & " + (PARTITIONS - 1) + ")";

    static RelayLocks of(long leaderLock) {
        return new RelayLocks((int) (leaderLock >>> 32), (int) leaderLock);
    }

    int partitionObjId(int partition) {
        return joinObjId + 1 + partition;
    }

    Integer[] partitionObjIds() {
        Integer[] ids = new Integer[PARTITIONS];
        for (int p = 0; p < PARTITIONS; p++) {
            ids[p] = partitionObjId(p);
        }
        return ids;
    }
}
