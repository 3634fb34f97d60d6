package io.cobrowse.ingest.jobs;

/** What one step of the job runner did, which decides whether it goes on at once. */
enum StepOutcome {
    /** A job moved on: there may be more to do at once. */
    WORKED,
    /** A job waits for the relay; others may have work. */
    WAITING,
    /** No job to step now (none running, or all waiting or taken by other replicas). */
    IDLE
}
