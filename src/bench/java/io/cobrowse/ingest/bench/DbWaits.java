package io.cobrowse.ingest.bench;

import java.util.Map;

/**
 * The writer's database connections during a window, as the mean number in each state: running a
 * statement, waiting for a lock, waiting for WAL or I/O, or idle with a transaction open (the
 * writer's own code is running); and the mean number of autovacuum workers in the same database.
 *
 * @param detail the mean per category and wait event, such as "lock:Lock/transactionid"
 */
record DbWaits(
        long samples,
        double running,
        double lockWait,
        double ioWait,
        double inTransactionIdle,
        double autovacuum,
        Map<String, Double> detail) {}
