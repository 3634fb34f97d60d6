package io.cobrowse.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes results.json (everything) and results.csv (one row per measured load). */
final class ResultFiles {

    private static final String CSV_HEADER = "load,concurrency,target_rate_per_s,seconds,accepted_per_s,"
            + "ratio_to_baseline,ack_p50_ms,ack_p99_ms,ack_max_ms,kafka_p50_ms,kafka_p99_ms,kafka_unread,accepted,"
            + "duplicates,errors,mean_body_bytes,service_peak_rss_mb,service_cpu_pct,postgres_cpu_pct,kafka_cpu_pct,"
            + "driver_cpu_pct,machine_busy_pct,machine_steal_pct,webhooks_per_transaction,db_conns_running,db_conns_lock_wait,db_conns_io_wait,"
            + "db_conns_idle_in_transaction,db_autovacuum_workers,"
            + ServiceThreads.KINDS.keySet().stream()
                    .map(k -> "service_" + k.replace('+', '_') + "_cpu_pct")
                    .collect(Collectors.joining(","));

    private ResultFiles() {}

    static void write(BenchReport report, Path dir) throws IOException {
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("results.json").toFile(), report);
        List<String> lines = new ArrayList<>();
        lines.add(CSV_HEADER);
        for (StepReport s : report.steps()) {
            if (s.service() != null) {
                lines.add(row(
                        "service",
                        s.service(),
                        s.ratio(),
                        s.servicePeakRssMb(),
                        s.serviceResources(),
                        s.serviceDbWaits()));
            }
            if (s.baseline() != null) {
                lines.add(row("baseline", s.baseline(), null, null, s.baselineResources(), s.baselineDbWaits()));
            }
            if (s.dualWrite() != null) {
                lines.add(row("dual-write", s.dualWrite(), null, null, s.dualWriteResources(), null));
            }
        }
        if (report.openLoop() != null) {
            lines.add(row(
                    "service-open-loop",
                    report.openLoop(),
                    null,
                    report.servicePeakRssMb(),
                    report.openLoopResources(),
                    report.openLoopDbWaits()));
        }
        if (report.baselineOpenLoop() != null) {
            lines.add(row(
                    "baseline-open-loop",
                    report.baselineOpenLoop(),
                    null,
                    null,
                    report.baselineOpenLoopResources(),
                    report.baselineOpenLoopDbWaits()));
        }
        Files.write(dir.resolve("results.csv"), lines);
    }

    private static String row(String load, StepResult r, Double ratio, Long rssMb, ResourceUse use, DbWaits w) {
        // only the service publishes to Kafka
        boolean kafka = load.startsWith("service");
        return List.of(
                                load,
                                r.concurrency(),
                                n(r.targetRate()),
                                n(r.seconds()),
                                n(r.acceptedPerSecond()),
                                n(ratio),
                                n(r.ackP50()),
                                n(r.ackP99()),
                                n(r.ackMax()),
                                n(r.kafkaP50()),
                                n(r.kafkaP99()),
                                kafka ? r.kafkaAcked() - r.kafkaRead() : "",
                                r.accepted(),
                                r.duplicates(),
                                r.errors(),
                                n(r.meanBodyBytes()),
                                rssMb == null ? "" : rssMb,
                                use == null ? "" : n(use.servicePct()),
                                use == null ? "" : n(use.postgresPct()),
                                use == null ? "" : n(use.kafkaPct()),
                                use == null ? "" : n(use.driverPct()),
                                use == null ? "" : n(use.machineBusyPct()),
                                use == null ? "" : n(use.machineStealPct()),
                                use == null ? "" : n(use.eventsPerTransaction()),
                                w == null ? "" : n(w.running()),
                                w == null ? "" : n(w.lockWait()),
                                w == null ? "" : n(w.ioWait()),
                                w == null ? "" : n(w.inTransactionIdle()),
                                w == null ? "" : n(w.autovacuum()))
                        .stream()
                        .map(String::valueOf)
                        .collect(Collectors.joining(","))
                + "," + threads(use);
    }

    private static String threads(ResourceUse use) {
        return ServiceThreads.KINDS.keySet().stream()
                .map(k -> use == null || use.serviceThreadsPct() == null
                        ? ""
                        : n(use.serviceThreadsPct().get(k)))
                .collect(Collectors.joining(","));
    }

    private static String n(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.3f", v);
    }
}
