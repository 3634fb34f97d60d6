package io.cobrowse.ingest.faults;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

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
    private final Map<Integer, AtomicLong> statuses = new ConcurrentSkipListMap<>();

    void record(Entry e) {
        entries.put(e.webhook().id(), e);
    }

    /** An attempt's HTTP status (0 when there was none), for the log. */
    void status(int status) {
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
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

    /** Attempts answered with a status the contract does not expect here: neither 2xx nor 503. */
    long unexpectedAnswers() {
        return statuses.entrySet().stream()
                .filter(s -> s.getKey() != 0 && s.getKey() / 100 != 2 && s.getKey() != 503)
                .mapToLong(s -> s.getValue().get())
                .sum();
    }

    /** Attempts per status, 0 for none, e.g. {0=12, 202=5000, 503=40}. */
    Map<Integer, AtomicLong> statuses() {
        return statuses;
    }
}
