package io.cobrowse.ingest.outbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one round of sending made of its rows, in id order, keeping each visitor's order: a row is marked
 * published only when Kafka acknowledged it and every earlier row of its visitor in the round was published
 * too. A row Kafka refused for good is parked; one that failed otherwise is sent again. Either way the later
 * rows of that visitor wait (even when Kafka took them: they are sent again after it), while the other
 * visitors' acknowledged rows are done and never sent again.
 *
 * @param published rows to mark published
 * @param parked rows to park, with the refusal's class
 * @param retried how many rows (failed, and held behind a failure) are sent again in a later round
 * @param failure the class of the first failure a retry may get past, or null
 */
record RoundResult(List<OutboxRow> published, List<Parked> parked, int retried, String failure) {

    /** Kafka's answer to one row. */
    record Outcome(boolean acknowledged, String refusedForGood, String failure) {

        static final Outcome ACKNOWLEDGED = new Outcome(true, null, null);

        static Outcome refused(String reason) {
            return new Outcome(false, reason, null);
        }

        static Outcome failed(String reason) {
            return new Outcome(false, null, reason);
        }
    }

    record Parked(OutboxRow row, String reason) {}

    static RoundResult of(List<OutboxRow> rows, List<Outcome> outcomes) {
        List<OutboxRow> published = new ArrayList<>();
        List<Parked> parked = new ArrayList<>();
        Set<String> held = new HashSet<>();
        int retried = 0;
        String failure = null;
        for (int i = 0; i < rows.size(); i++) {
            OutboxRow row = rows.get(i);
            Outcome o = outcomes.get(i);
            if (held.contains(row.visitorKey())) {
                retried++;
            } else if (o.acknowledged()) {
                published.add(row);
            } else if (o.refusedForGood() != null) {
                parked.add(new Parked(row, o.refusedForGood()));
                held.add(row.visitorKey());
            } else {
                held.add(row.visitorKey());
                retried++;
                failure = failure == null ? o.failure() : failure;
            }
        }
        return new RoundResult(published, parked, retried, failure);
    }
}
