package io.cobrowse.ingest.bench;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The run's results as plain-text tables for the terminal. */
final class ResultTable {

    private ResultTable() {
    }

    static String render(BenchReport r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n%5s | %10s | %10s | %5s | %7s | %7s | %9s | %9s | %6s | %8s%n",
                "conc", "service/s", "baseline/s", "ratio", "ack p50", "ack p99", "kafka p50", "kafka p99",
                "errors", "svc RSS"));
        s.append(String.format(Locale.ROOT, "%5s | %10s | %10s | %5s | %7s | %7s | %9s | %9s | %6s | %8s%n",
                "", "accepted", "events", "", "ms", "ms", "ms", "ms", "", "peak MB"));
        s.append("-".repeat(104)).append('\n');
        for (StepReport step : r.steps()) {
            StepResult svc = step.service();
            StepResult base = step.baseline();
            s.append(String.format(Locale.ROOT, "%5d | %10s | %10s | %5s | %7s | %7s | %9s | %9s | %6s | %8s%n",
                    step.concurrency(), rate(svc), rate(base),
                    step.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", step.ratio()),
                    ms(svc == null ? null : svc.ackP50()), ms(svc == null ? null : svc.ackP99()),
                    ms(svc == null ? null : svc.kafkaP50()), ms(svc == null ? null : svc.kafkaP99()),
                    svc == null ? "-" : String.valueOf(svc.errors()),
                    step.servicePeakRssMb() == null ? "-" : String.valueOf(step.servicePeakRssMb())));
        }
        peak(r, StepReport::service).ifPresent(svc -> peak(r, StepReport::baseline).ifPresent(base ->
                s.append(String.format(Locale.ROOT, "Peak to peak: service %.0f/s (%d senders), baseline %.0f/s "
                        + "(%d senders), ratio %.2f%n", svc.service().acceptedPerSecond(), svc.concurrency(),
                        base.baseline().acceptedPerSecond(), base.concurrency(),
                        svc.service().acceptedPerSecond() / base.baseline().acceptedPerSecond()))));
        s.append(String.format(Locale.ROOT, "%nWhere the CPU went during each window (%% of one core; %d cores = %d%%)%n",
                r.machine().cores(), r.machine().cores() * 100));
        s.append(String.format(Locale.ROOT, "%5s | %-8s | %7s | %8s | %6s | %6s | %7s | %7s | %8s | %6s | %7s%n",
                "conc", "load", "service", "postgres", "kafka", "driver", "machine", "stolen", "webhooks", "dupl.",
                "kafka"));
        s.append(String.format(Locale.ROOT, "%5s | %-8s | %7s | %8s | %6s | %6s | %7s | %7s | %8s | %6s | %7s%n",
                "", "", "%", "%", "%", "%", "busy %", "%", "per tx", "", "unread"));
        s.append("-".repeat(106)).append('\n');
        for (StepReport step : r.steps()) {
            cpuRow(s, String.valueOf(step.concurrency()), "service", step.service(), step.serviceResources());
            cpuRow(s, String.valueOf(step.concurrency()), "baseline", step.baseline(), step.baselineResources());
        }
        if (r.openLoop() != null) {
            cpuRow(s, Benchmark.OPEN_LOOP, "service", r.openLoop(), r.openLoopResources());
            cpuRow(s, Benchmark.OPEN_LOOP, "baseline", r.baselineOpenLoop(), r.baselineOpenLoopResources());
        }
        s.append(String.format(Locale.ROOT, "%nThe service's CPU by kind of thread (%% of one core)%n"));
        s.append(String.format(Locale.ROOT, "%5s |", "conc"));
        ServiceThreads.KINDS.keySet().forEach(k -> s.append(String.format(Locale.ROOT, " %7s |", k)));
        s.append('\n').append("-".repeat(6 + 10 * ServiceThreads.KINDS.size())).append('\n');
        for (StepReport step : r.steps()) {
            threadRow(s, String.valueOf(step.concurrency()), step.serviceResources());
        }
        threadRow(s, Benchmark.OPEN_LOOP, r.openLoopResources());
        s.append(String.format(Locale.ROOT, "%nWhat the writers' database connections were doing, and the autovacuum"
                + " workers in their database (mean number)%n"));
        s.append(String.format(Locale.ROOT, "%5s | %-8s | %11s | %9s | %8s | %16s | %10s%n", "conc", "load",
                "running SQL", "lock wait", "WAL/I-O", "idle in tx (app)", "autovacuum"));
        s.append("-".repeat(86)).append('\n');
        for (StepReport step : r.steps()) {
            waitRow(s, String.valueOf(step.concurrency()), "service", step.serviceDbWaits());
            waitRow(s, String.valueOf(step.concurrency()), "baseline", step.baselineDbWaits());
        }
        waitRow(s, Benchmark.OPEN_LOOP, "service", r.openLoopDbWaits());
        waitRow(s, Benchmark.OPEN_LOOP, "baseline", r.baselineOpenLoopDbWaits());
        StepResult open = r.openLoop();
        if (open != null) {
            s.append(String.format(Locale.ROOT,
                    "%nOpen loop at %.0f webhooks/s (half the peak closed-loop rate), %d s: accepted %.0f/s, "
                            + "ack p50 %s ms, p99 %s ms (target p99 < %.0f ms: %s), Kafka p50 %s ms, p99 %s ms, errors %d%n",
                    open.targetRate(), Math.round(open.seconds()), open.acceptedPerSecond(), ms(open.ackP50()),
                    ms(open.ackP99()), BenchReport.OPEN_LOOP_P99_TARGET_MS,
                    open.ackP99() != null && open.ackP99() < BenchReport.OPEN_LOOP_P99_TARGET_MS ? "met" : "NOT met",
                    ms(open.kafkaP50()), ms(open.kafkaP99()), open.errors()));
            StepResult base = r.baselineOpenLoop();
            if (base != null) {
                s.append(String.format(Locale.ROOT,
                        "The baseline at the same rate: accepted %.0f/s, p50 %s ms, p99 %s ms, max %s ms, errors %d; "
                                + "service p99 / baseline p99 = %s%n",
                        base.acceptedPerSecond(), ms(base.ackP50()), ms(base.ackP99()), ms(base.ackMax()),
                        base.errors(), open.ackP99() == null || base.ackP99() == null || base.ackP99() == 0 ? "-"
                                : String.format(Locale.ROOT, "%.2f", open.ackP99() / base.ackP99())));
            }
        }
        s.append(String.format(Locale.ROOT, "Service peak memory (VmHWM): %s MB; service log: %d ERROR, %d WARN lines%n",
                r.servicePeakRssMb() == null ? "-" : r.servicePeakRssMb(), r.serviceLogErrors(),
                r.serviceLogWarnings()));
        s.append("Machine: ").append(r.machine().describe()).append('\n');
        return s.toString();
    }

    private static void cpuRow(StringBuilder s, String step, String load, StepResult result, ResourceUse use) {
        if (use == null || result == null) {
            return;
        }
        s.append(String.format(Locale.ROOT, "%5s | %-8s | %7s | %8s | %6s | %6s | %7.0f | %7.1f | %8s | %6d | %7s%n",
                step, load, pct(use.servicePct()), pct(use.postgresPct()), pct(use.kafkaPct()), pct(use.driverPct()),
                use.machineBusyPct(), use.machineStealPct(), use.eventsPerTransaction() == null ? "-"
                        : String.format(Locale.ROOT, "%.1f", use.eventsPerTransaction()), result.duplicates(),
                load.equals("baseline") ? "-" : String.valueOf(result.kafkaAcked() - result.kafkaRead())));
    }

    private static void threadRow(StringBuilder s, String step, ResourceUse use) {
        if (use == null || use.serviceThreadsPct() == null) {
            return;
        }
        s.append(String.format(Locale.ROOT, "%5s |", step));
        ServiceThreads.KINDS.keySet().forEach(k -> s.append(String.format(Locale.ROOT, " %7.0f |",
                use.serviceThreadsPct().getOrDefault(k, 0.0))));
        s.append('\n');
    }

    private static void waitRow(StringBuilder s, String step, String load, DbWaits w) {
        if (w != null) {
            s.append(String.format(Locale.ROOT, "%5s | %-8s | %11.2f | %9.2f | %8.2f | %16.2f | %10.2f%n", step,
                    load, w.running(), w.lockWait(), w.ioWait(), w.inTransactionIdle(), w.autovacuum()));
        }
    }

    static String rate(StepResult r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%.0f", r.acceptedPerSecond());
    }

    static String ms(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, v < 10 ? "%.1f" : "%.0f", v);
    }

    private static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    /** The step at which the given side accepted the most per second. */
    private static Optional<StepReport> peak(BenchReport r, Function<StepReport, StepResult> side) {
        return r.steps().stream().filter(step -> side.apply(step) != null)
                .max(Comparator.comparingDouble(step -> side.apply(step).acceptedPerSecond()));
    }
}
