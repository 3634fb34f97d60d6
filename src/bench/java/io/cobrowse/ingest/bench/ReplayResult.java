package io.cobrowse.ingest.bench;

import java.util.List;
import java.util.Locale;

/**
 * The replay measurement: the relay publishing live records, and a replay of the same records from the POST
 * to done. The target is a replay at half the relay's rate or better.
 *
 * @param replayed the copies the replay wrote (its records_total)
 */
record ReplayResult(int records, int visitors, double relaySeconds, long replayed, double replaySeconds) {

    static final double TARGET_RATIO = 0.5;

    double relayRate() {
        return records / relaySeconds;
    }

    double replayRate() {
        return replayed / replaySeconds;
    }

    double ratio() {
        return replayRate() / relayRate();
    }

    Table table() {
        return new Table(
                        "Replay against the relay",
                        List.of(
                                Table.Column.left("measurement"),
                                Table.Column.right("records", ""),
                                Table.Column.right("time", "s"),
                                Table.Column.right("rate", "records/s")))
                .row(List.of(
                        "relay, live records (commit to last published)",
                        String.valueOf(records),
                        format("%.1f", relaySeconds),
                        format("%.0f", relayRate())))
                .row(List.of(
                        "replay of them (POST to done)",
                        String.valueOf(replayed),
                        format("%.1f", replaySeconds),
                        format("%.0f", replayRate())))
                .note(format(
                        "%d records of %d visitors, half visitor and half session snapshots, written into the outbox as"
                                + " the writers store them; the replay's window holds exactly them. After a warm-up"
                                + " of both, measured the same way.",
                        records, visitors))
                .note(format(
                        "Replay rate / relay rate: %.2f (target >= %.1f: %s)",
                        ratio(), TARGET_RATIO, ratio() >= TARGET_RATIO ? "met" : "NOT met"));
    }

    private static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
