package io.cobrowse.ingest.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scenario shows from outside: the senders' ledger against the inbox and the topics.
 *
 * @param unknown webhooks whose answer was lost: counted in no check
 * @param stored acknowledged webhooks with their inbox row
 * @param published distinct ce_ids on the scenario's topics
 * @param lost acknowledged but not published
 * @param invented published but not acknowledged (and not unknown either)
 * @param orderViolations records that came before one of their visitor's earlier acknowledged webhooks
 * @param resumedAfterSeconds from the fault to the first record of a webhook sent after it; null if none
 * @param allResumedAfterSeconds from the fault until each visitor with a webhook sent after it had the first
 *     such record published: the visitors whose relay was lost wait longest; null if none
 * @param attempts how the attempts were answered
 */
record Figures(
        long sent,
        long acknowledged,
        long unknown,
        long stored,
        long published,
        long lost,
        long invented,
        long orderViolations,
        Double resumedAfterSeconds,
        Double allResumedAfterSeconds,
        Attempts attempts,
        List<String> examples) {

    static Figures of(Ledger ledger, List<TopicReader.Seen> records, Set<String> stored, long faultAt) {
        List<String> examples = new ArrayList<>();
        Set<String> published = new LinkedHashSet<>();
        long invented = 0;
        long resumedAt = Long.MAX_VALUE;
        Map<String, Long> resumedPerKey = new HashMap<>();
        for (TopicReader.Seen r : records) {
            if (!published.add(r.ceId())) {
                continue;
            }
            Ledger.Entry e = r.ceId() == null ? null : ledger.get(r.ceId());
            if (e == null || e.verdict() == Ledger.Verdict.REFUSED) {
                invented++;
                note(examples, "invented " + r.ceId() + " (" + (e == null ? "never sent" : "refused") + ")");
            }
            if (e != null && e.firstSent() > faultAt) {
                resumedAt = Math.min(resumedAt, r.seenAt());
                resumedPerKey.merge(r.key(), r.seenAt(), Math::min);
            }
        }
        long lost = 0;
        long storedCount = 0;
        for (String id : ledger.ids(Ledger.Verdict.ACKNOWLEDGED)) {
            if (!published.contains(id)) {
                lost++;
                note(examples, "lost " + id);
            }
            if (stored.contains(id)) {
                storedCount++;
            } else {
                note(examples, "not stored " + id);
            }
        }
        return new Figures(
                ledger.all().size(),
                ledger.count(Ledger.Verdict.ACKNOWLEDGED),
                ledger.count(Ledger.Verdict.UNKNOWN),
                storedCount,
                published.size(),
                lost,
                invented,
                orderViolations(ledger, records, examples),
                resumedAt == Long.MAX_VALUE ? null : (resumedAt - faultAt) / 1e9,
                resumedPerKey.values().stream()
                        .max(Long::compare)
                        .map(at -> (at - faultAt) / 1e9)
                        .orElse(null),
                ledger.attempts(),
                List.copyOf(examples));
    }

    /**
     * Per topic and key (one visitor, one partition, so in offset order as read), the first record of each
     * acknowledged webhook must follow the visitor's acknowledged order; redeliveries and webhooks whose
     * answer was lost are left out.
     */
    private static long orderViolations(Ledger ledger, List<TopicReader.Seen> records, List<String> examples) {
        Map<String, Long> latestPerKey = new HashMap<>();
        Set<String> seen = new HashSet<>();
        long violations = 0;
        for (TopicReader.Seen r : records) {
            Ledger.Entry e = r.ceId() == null ? null : ledger.get(r.ceId());
            if (e == null || e.verdict() != Ledger.Verdict.ACKNOWLEDGED || !seen.add(r.topic() + " " + r.ceId())) {
                continue;
            }
            String key = r.topic() + " " + r.key();
            Long latest = latestPerKey.get(key);
            if (latest != null && e.ackOrder() < latest) {
                violations++;
                note(examples, "out of order " + r.ceId() + " on " + key);
            } else {
                latestPerKey.put(key, e.ackOrder());
            }
        }
        return violations;
    }

    private static void note(List<String> examples, String example) {
        if (examples.size() < 10) {
            examples.add(example);
        }
    }

    boolean passed() {
        return stored == acknowledged && lost == 0 && invented == 0 && orderViolations == 0 && attempts.other() == 0;
    }
}
