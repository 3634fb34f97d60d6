package io.cobrowse.ingest.faults;

/**
 * How a scenario's attempts were answered, retries included.
 *
 * @param accepted 202
 * @param duplicate 200: a retry of a webhook already stored, typically one whose first answer was lost
 * @param unavailable 503: the database away, nothing acknowledged
 * @param noConnection the replica was not listening
 * @param answerLost sent, and no answer came (time-out, connection reset)
 * @param other any other status: the contract expects none
 */
record Attempts(long accepted, long duplicate, long unavailable, long noConnection, long answerLost, long other) {}
