package io.cobrowse.ingest.jobs;

/**
 * A step that could not finish for a passing reason (the writers' queue full, the database away): its
 * transaction is rolled back and the job is stepped again after a pause, not failed.
 */
final class RetryLater extends RuntimeException {

    RetryLater(String reason) {
        super(reason, null, false, false);
    }
}
