package io.cobrowse.ingest.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The course of every scenario: load on the cluster, one fault mid-load, load for a while after the
 * faulty part is back, then the checks from outside once the outbox has drained.
 */
final class Scenario {

    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final Duration LOAD_AFTER_RECOVERY = Duration.ofSeconds(20);
    /** How long the outbox may take to drain after the load stopped. */
    static final Duration DRAIN = Duration.ofSeconds(90);

    /**
     * Injects the fault and returns when it took effect ({@link System#nanoTime()}: the process killed, the
     * server down, the connection cut), once the faulty part is back.
     */
    @FunctionalInterface
    interface Fault {
        long inject(Cluster cluster, Load load) throws Exception;
    }

    private Scenario() {}

    static Figures run(String name, FaultInfra infra, Cluster cluster, Fault fault) throws Exception {
        try (TopicReader reader =
                new TopicReader(infra.bootstrapServers(), cluster.topics().both())) {
            Load load = Load.start(cluster.visitorPrefix(), cluster.topics(), cluster.ports(), Cluster.SECRET);
            long faultAt;
            try {
                Thread.sleep(WARM_UP.toMillis());
                log(name, "fault");
                faultAt = fault.inject(cluster, load);
                log(name, "recovered after " + seconds(System.nanoTime() - faultAt) + " s");
                Thread.sleep(LOAD_AFTER_RECOVERY.toMillis());
            } finally {
                load.stop();
            }
            log(name, "load stopped; " + load.ledger().attempts());
            awaitDrained(infra, load.ledger(), reader);
            List<String> acknowledged = load.ledger().ids(Ledger.Verdict.ACKNOWLEDGED);
            Figures f = Figures.of(load.ledger(), reader.records(), infra.stored(acknowledged), faultAt);
            log(name, f.toString());
            return f;
        }
    }

    /** Until every acknowledged webhook was read and no outbox row waits, or {@link #DRAIN} passed. */
    private static void awaitDrained(FaultInfra infra, Ledger ledger, TopicReader reader) throws Exception {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        List<String> acknowledged = ledger.ids(Ledger.Verdict.ACKNOWLEDGED);
        while (System.nanoTime() < deadline) {
            Set<String> read = new HashSet<>();
            reader.records().forEach(r -> read.add(r.ceId()));
            if (read.containsAll(acknowledged) && infra.unpublishedRows() == 0) {
                break;
            }
            Thread.sleep(1000);
        }
        // whatever a relay still had in flight
        Thread.sleep(3000);
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }

    private static void log(String scenario, String what) {
        System.out.println("[faults] " + scenario + ": " + what);
    }
}
