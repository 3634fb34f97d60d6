package io.cobrowse.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The service's CPU time by kind of thread (/proc/pid/task, named by the thread's name): HTTP
 * handling, the webhook writers, the outbox relay, the Kafka client, the JIT compiler, GC and VM.
 * It says which part of the service a core goes to.
 */
final class ServiceThreads {

    /** Kinds in report order, with the thread-name prefixes that belong to each (first match wins). */
    static final Map<String, List<String>> KINDS = kinds();

    private ServiceThreads() {}

    private static Map<String, List<String>> kinds() {
        Map<String, List<String>> k = new LinkedHashMap<>();
        k.put("http", List.of("vert.x-eventloo", "executor-thread", "vert.x-worker"));
        k.put("writers", List.of("webhook-writer"));
        k.put("relay", List.of("outbox-relay"));
        k.put("kafka", List.of("kafka-", "smallrye-kafka"));
        k.put("jit", List.of("C1 Compiler", "C2 Compiler", "Sweeper"));
        k.put("gc+vm", List.of("GC Thread", "G1 ", "VM ", "GC "));
        k.put("other", List.of(""));
        return k;
    }

    /** CPU ticks so far per kind; threads that ended are not counted. */
    static Map<String, Long> ticksByKind(long pid) {
        Map<String, Long> ticks = new TreeMap<>();
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        try (var dirs = Files.list(tasks)) {
            for (Path task : dirs.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(kind(name), Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (IOException | RuntimeException ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
        return ticks;
    }

    static Map<String, Double> pctBetween(Map<String, Long> a, Map<String, Long> b, double seconds) {
        Map<String, Double> pct = new LinkedHashMap<>();
        for (String kind : KINDS.keySet()) {
            long delta = Math.max(0, b.getOrDefault(kind, 0L) - a.getOrDefault(kind, 0L));
            pct.put(kind, Math.round(1000.0 * delta / ProcStats.TICKS_PER_SECOND / seconds) / 10.0);
        }
        return pct;
    }

    private static String kind(String threadName) {
        for (var e : KINDS.entrySet()) {
            if (e.getValue().stream().anyMatch(threadName::startsWith)) {
                return e.getKey();
            }
        }
        return "other";
    }
}
