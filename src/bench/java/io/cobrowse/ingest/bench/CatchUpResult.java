package io.cobrowse.ingest.bench;

import java.util.List;
import java.util.Locale;

/**
 * A catch-up after a Kafka outage: from the broker's return until the backlog is empty.
 *
 * @param relays the replicas whose relays shared the outbox's partitions
 * @param outageSeconds how long the broker was stopped
 * @param firstSeconds from the broker's return until the first of the backlog was published
 * @param emptySeconds from the broker's return until the last was
 */
record CatchUpResult(
        int relays, int records, int visitors, double outageSeconds, double firstSeconds, double emptySeconds) {

    /** Records per second from the broker's return until the backlog is empty. */
    double rate() {
        return records / emptySeconds;
    }

    /** Records per second once the first was published again. */
    double drainRate() {
        return records / Math.max(1e-3, emptySeconds - firstSeconds);
    }

    List<String> row() {
        return List.of(
                String.valueOf(relays),
                String.valueOf(records),
                format("%.0f", outageSeconds),
                format("%.1f", firstSeconds),
                format("%.1f", emptySeconds),
                format("%.0f", rate()),
                format("%.0f", drainRate()));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
