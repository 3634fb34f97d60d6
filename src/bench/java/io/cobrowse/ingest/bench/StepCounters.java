package io.cobrowse.ingest.bench;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** Outcomes of the deliveries in a step's measured window, gathered from every sender thread. */
final class StepCounters {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder bodyBytes = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private final List<Latencies> latencies = new CopyOnWriteArrayList<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** A latency recorder for one thread. */
    Latencies threadLatencies() {
        Latencies l = new Latencies();
        latencies.add(l);
        return l;
    }

    void count(int status, int bodySize) {
        bodyBytes.add(bodySize);
        if (status == EventSink.ACCEPTED) {
            accepted.increment();
        } else if (status == EventSink.DUPLICATE) {
            duplicates.increment();
        } else {
            error("status " + status);
        }
    }

    void failed(Exception e) {
        String kind = e.getClass().getSimpleName();
        if (reported.add(kind)) {
            // into the driver's log: the count alone does not say what failed (the data is generated, not personal)
            System.err.println("first " + e.getClass().getName() + " of the step: " + e.getMessage());
        }
        error(kind);
    }

    private void error(String kind) {
        errors.increment();
        errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    StepResult result(String mode, int concurrency, Double targetRate, double seconds, KafkaArrivals.Result kafka) {
        Latencies all = Latencies.merge(latencies);
        long delivered = accepted.sum() + duplicates.sum() + errors.sum();
        Map<String, Long> kinds = new TreeMap<>();
        errorKinds.forEach((k, v) -> kinds.put(k, v.sum()));
        return new StepResult(
                mode,
                concurrency,
                targetRate,
                seconds,
                accepted.sum(),
                duplicates.sum(),
                errors.sum(),
                kinds,
                accepted.sum() / seconds,
                ms(all.percentileMillis(50)),
                ms(all.percentileMillis(90)),
                ms(all.percentileMillis(99)),
                ms(all.percentileMillis(99.9)),
                ms(all.maxMillis()),
                kafka == null ? 0 : kafka.acked(),
                kafka == null ? 0 : kafka.read(),
                kafka == null ? null : ms(kafka.latencies().percentileMillis(50)),
                kafka == null ? null : ms(kafka.latencies().percentileMillis(99)),
                delivered == 0 ? 0 : (double) bodyBytes.sum() / delivered);
    }

    private static Double ms(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
