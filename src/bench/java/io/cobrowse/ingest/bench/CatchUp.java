package io.cobrowse.ingest.bench;

import java.util.List;
import java.util.Locale;

/**
 * The catch-up after a Kafka outage with one replica's relay publishing every partition of the outbox, then
 * with two replicas' relays sharing them.
 *
 * @param twoRelays null when the second replica was left out
 */
record CatchUp(CatchUpResult oneRelay, CatchUpResult twoRelays) {

    static final double TARGET_PER_SECOND = 10_000;

    /** The target's figure: one relay's catch-up rate. */
    double rate() {
        return oneRelay.rate();
    }

    Table table() {
        Table t = new Table(
                "The relays' catch-up after a Kafka outage",
                List.of(
                        Table.Column.right("relays", ""),
                        Table.Column.right("backlog", "records"),
                        Table.Column.right("outage", "s"),
                        Table.Column.right("to first published", "s"),
                        Table.Column.right("to empty", "s"),
                        Table.Column.right("catch-up", "records/s"),
                        Table.Column.right("once publishing", "records/s")));
        t.row(oneRelay.row());
        if (twoRelays != null) {
            t.row(twoRelays.row());
        }
        t.note(format(
                "The broker was frozen (SIGSTOP) while %d records of %d visitors were written into the outbox;"
                        + " times are from its return (SIGCONT), and include the relays' back-off.",
                oneRelay.records(), oneRelay.visitors()));
        if (twoRelays != null) {
            t.note(format(
                    "With two replicas, each relay leading half the partitions: %.2f times one relay's catch-up rate"
                            + " (both replicas and PostgreSQL on the same machine).",
                    twoRelays.rate() / oneRelay.rate()));
        }
        return t.note(format(
                "Catch-up rate of one relay: %.0f records/s (target >= %.0f: %s)",
                rate(), TARGET_PER_SECOND, rate() >= TARGET_PER_SECOND ? "met" : "NOT met"));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
