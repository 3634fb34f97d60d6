package io.cobrowse.ingest.bench;

import java.util.List;
import java.util.Locale;

/**
 * The relay's catch-up after a Kafka outage: from the broker's return until the backlog is empty.
 *
 * @param outageSeconds how long the broker was stopped
 * @param firstSeconds from the broker's return until the first of the backlog was published
 * @param emptySeconds from the broker's return until the last was
 */
record CatchUpResult(int records, int visitors, double outageSeconds, double firstSeconds, double emptySeconds) {

    static final double TARGET_PER_SECOND = 10_000;

    /** Records per second from the broker's return until the backlog is empty. */
    double rate() {
        return records / emptySeconds;
    }

    /** Records per second once the first was published again. */
    double drainRate() {
        return records / Math.max(1e-3, emptySeconds - firstSeconds);
    }

    Table table() {
        return new Table(
                        "The relay's catch-up after a Kafka outage",
                        List.of(
                                Table.Column.right("backlog", "records"),
                                Table.Column.right("outage", "s"),
                                Table.Column.right("to first published", "s"),
                                Table.Column.right("to empty", "s"),
                                Table.Column.right("catch-up", "records/s"),
                                Table.Column.right("once publishing", "records/s")))
                .row(List.of(
                        String.valueOf(records),
                        format("%.0f", outageSeconds),
                        format("%.1f", firstSeconds),
                        format("%.1f", emptySeconds),
                        format("%.0f", rate()),
                        format("%.0f", drainRate())))
                .note(format(
                        "The broker was frozen (SIGSTOP) while %d records of %d visitors were written into the outbox;"
                                + " times are from its return (SIGCONT), and include the relay's back-off.",
                        records, visitors))
                .note(format(
                        "Catch-up rate: %.0f records/s (target >= %.0f: %s)",
                        rate(), TARGET_PER_SECOND, rate() >= TARGET_PER_SECOND ? "met" : "NOT met"));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
