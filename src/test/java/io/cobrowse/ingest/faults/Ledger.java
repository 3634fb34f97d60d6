package io.cobrowse.ingest.faults;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the senders know of every webhook they sent: the only truth the checks compare Kafka with. */
final class Ledger {

    /** What the sender learnt of a webhook, over all its attempts. */
    enum Verdict {
        /** Some attempt got a 2xx. */
        ACKNOWLEDGED,
        /** No 2xx, and at least one answer was lost: it may have been committed. Counted in no check. */
        UNKNOWN,
        /** Every attempt got another status or no connection: it must not be published. */
        REFUSED
    }

    /**
     * @param firstSent when the first attempt started ({@link System#nanoTime()})
     * @param ackOrder for an acknowledged webhook, its rank among its visitor's acknowledged webhooks
     */
    record Entry(Webhook webhook, Verdict verdict, long firstSent, long ackOrder) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicate = new LongAdder();
    private final LongAdder unavailable = new LongAdder();
    private final LongAdder noConnection = new LongAdder();
    private final LongAdder answerLost = new LongAdder();
    private final LongAdder other = new LongAdder();

    void record(Entry e) {
        entries.put(e.webhook().id(), e);
    }

    /** Counts one attempt by its answer. */
    void attempt(WebhookClient.Outcome outcome) {
        LongAdder counter =
                switch (outcome.status()) {
                    case 202 -> accepted;
                    case 200 -> duplicate;
                    case 503 -> unavailable;
                    case 0 -> outcome.attempt() == WebhookClient.Attempt.ANSWER_LOST ? answerLost : noConnection;
                    default -> other;
                };
        counter.increment();
    }

    Attempts attempts() {
        return new Attempts(
                accepted.sum(), duplicate.sum(), unavailable.sum(), noConnection.sum(), answerLost.sum(), other.sum());
    }

    Entry get(String webhookId) {
        return entries.get(webhookId);
    }

    Collection<Entry> all() {
        return entries.values();
    }

    List<String> ids(Verdict verdict) {
        return entries.values().stream()
                .filter(e -> e.verdict() == verdict)
                .map(e -> e.webhook().id())
                .toList();
    }

    long count(Verdict verdict) {
        return entries.values().stream().filter(e -> e.verdict() == verdict).count();
    }
}
