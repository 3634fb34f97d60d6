package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.bench.Table.Column;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** The run's results as tables: printed for the terminal, and the same tables in results.md. */
final class ResultTable {

    private ResultTable() {}

    /** The tables as plain text, then the machine. */
    static String render(BenchReport r) {
        StringBuilder s = new StringBuilder();
        tables(r).forEach(t -> s.append(t.text()));
        s.append("Machine: ").append(r.machine().describe()).append('\n');
        return s.toString();
    }

    static List<Table> tables(BenchReport r) {
        return List.of(
                steps(r),
                DualWriteTable.of(r),
                cpu(r),
                perWebhook(r),
                StatementTable.of(r),
                threads(r),
                waits(r),
                summary(r));
    }

    private static Table steps(BenchReport r) {
        Table t = new Table(
                "Throughput and latency at each concurrency (closed loop)",
                List.of(
                        Column.right("conc", ""),
                        Column.right("service/s", "accepted"),
                        Column.right("baseline/s", "events"),
                        Column.right("ratio", ""),
                        Column.right("ack p50", "ms"),
                        Column.right("ack p99", "ms"),
                        Column.right("kafka p50", "ms"),
                        Column.right("kafka p99", "ms"),
                        Column.right("errors", ""),
                        Column.right("svc RSS", "peak MB")));
        for (StepReport step : r.steps()) {
            StepResult svc = step.service();
            t.row(List.of(
                    String.valueOf(step.concurrency()),
                    rate(svc),
                    rate(step.baseline()),
                    step.ratio() == null ? "-" : String.format(Locale.ROOT, "%.2f", step.ratio()),
                    ms(svc == null ? null : svc.ackP50()),
                    ms(svc == null ? null : svc.ackP99()),
                    ms(svc == null ? null : svc.kafkaP50()),
                    ms(svc == null ? null : svc.kafkaP99()),
                    svc == null ? "-" : String.valueOf(svc.errors()),
                    step.servicePeakRssMb() == null ? "-" : String.valueOf(step.servicePeakRssMb())));
        }
        peak(r, StepReport::service).ifPresent(svc -> peak(r, StepReport::baseline)
                .ifPresent(base -> t.note(String.format(
                        Locale.ROOT,
                        "Peak to peak: service %.0f/s (%d senders), baseline %.0f/s " + "(%d senders), ratio %.2f",
                        svc.service().acceptedPerSecond(),
                        svc.concurrency(),
                        base.baseline().acceptedPerSecond(),
                        base.concurrency(),
                        svc.service().acceptedPerSecond() / base.baseline().acceptedPerSecond()))));
        return t;
    }

    private static Table cpu(BenchReport r) {
        Table t = new Table(
                String.format(
                        Locale.ROOT,
                        "Where the CPU went during each window (%% of one core; %d cores = %d%%)",
                        r.machine().cores(),
                        r.machine().cores() * 100),
                List.of(
                        Column.right("conc", ""),
                        Column.left("load"),
                        Column.right("service", "%"),
                        Column.right("postgres", "%"),
                        Column.right("kafka", "%"),
                        Column.right("driver", "%"),
                        Column.right("machine", "busy %"),
                        Column.right("stolen", "%"),
                        Column.right("webhooks", "per tx"),
                        Column.right("dupl.", ""),
                        Column.right("kafka", "unread")));
        for (StepReport step : r.steps()) {
            cpuRow(t, String.valueOf(step.concurrency()), "service", step.service(), step.serviceResources());
            cpuRow(t, String.valueOf(step.concurrency()), "baseline", step.baseline(), step.baselineResources());
            cpuRow(t, String.valueOf(step.concurrency()), "dual-write", step.dualWrite(), step.dualWriteResources());
        }
        cpuRow(t, Benchmark.OPEN_LOOP, "service", r.openLoop(), r.openLoopResources());
        cpuRow(t, Benchmark.OPEN_LOOP, "baseline", r.baselineOpenLoop(), r.baselineOpenLoopResources());
        return t;
    }

    /**
     * The CPU each accepted webhook cost, per process: unlike the rates, a figure that holds when the machine is
     * shared and busy, and the one the write path's changes are judged by.
     */
    private static Table perWebhook(BenchReport r) {
        Table t = new Table(
                "CPU time per webhook during each window (ms of CPU per accepted webhook or baseline event; the dual-write"
                        + " receiver's own in the service column)",
                List.of(
                        Column.right("conc", ""),
                        Column.left("load"),
                        Column.right("service", "ms"),
                        Column.right("postgres", "ms"),
                        Column.right("service + postgres", "ms"),
                        Column.right("kafka", "ms"),
                        Column.right("statements", "per webhook"),
                        Column.right("statements", "per commit")));
        for (StepReport step : r.steps()) {
            String c = String.valueOf(step.concurrency());
            perWebhookRow(t, c, "service", step.service(), step.serviceResources(), step.serviceStatements());
            perWebhookRow(t, c, "baseline", step.baseline(), step.baselineResources(), step.baselineStatements());
            perWebhookRow(t, c, "dual-write", step.dualWrite(), step.dualWriteResources(), step.dualWriteStatements());
        }
        perWebhookRow(t, Benchmark.OPEN_LOOP, "service", r.openLoop(), r.openLoopResources(), null);
        perWebhookRow(t, Benchmark.OPEN_LOOP, "baseline", r.baselineOpenLoop(), r.baselineOpenLoopResources(), null);
        t.note("Statements: what PostgreSQL executed for the load's database in the window (pg_stat_statements; the"
                + " service's include its relay's), per webhook answered and per commit; a JDBC batch sends several in"
                + " one round trip.");
        return t;
    }

    private static void perWebhookRow(
            Table t, String step, String load, StepResult result, ResourceUse use, StatementSampler.Use statements) {
        if (use == null || result == null || result.acceptedPerSecond() <= 0) {
            return;
        }
        long answered = result.accepted() + result.duplicates();
        Double perWebhook = statements == null || answered == 0 ? null : (double) statements.calls() / answered;
        Double perCommit = perWebhook == null || use.eventsPerTransaction() == null
                ? null
                : perWebhook * use.eventsPerTransaction();
        double rate = result.acceptedPerSecond();
        Double service = load.equals("baseline") ? null : use.servicePct();
        Double both = use.postgresPct() == null ? null : use.postgresPct() + (service == null ? 0 : service);
        t.row(List.of(
                step,
                load,
                msPerWebhook(service, rate),
                msPerWebhook(use.postgresPct(), rate),
                msPerWebhook(both, rate),
                msPerWebhook(use.kafkaPct(), rate),
                perWebhook == null ? "-" : String.format(Locale.ROOT, "%.2f", perWebhook),
                perCommit == null ? "-" : String.format(Locale.ROOT, "%.1f", perCommit)));
    }

    private static String msPerWebhook(Double pct, double perSecond) {
        return pct == null ? "-" : String.format(Locale.ROOT, "%.3f", ResourceUse.msPerEvent(pct, perSecond));
    }

    private static Table threads(BenchReport r) {
        List<Column> columns = new ArrayList<>(List.of(Column.right("conc", "")));
        ServiceThreads.KINDS.keySet().forEach(k -> columns.add(Column.right(k, "")));
        Table t = new Table("The service's CPU by kind of thread (% of one core)", columns);
        for (StepReport step : r.steps()) {
            threadRow(t, String.valueOf(step.concurrency()), step.serviceResources());
        }
        threadRow(t, Benchmark.OPEN_LOOP, r.openLoopResources());
        return t;
    }

    private static Table waits(BenchReport r) {
        Table t = new Table(
                "What the writers' database connections were doing, and the autovacuum workers in"
                        + " their database (mean number)",
                List.of(
                        Column.right("conc", ""),
                        Column.left("load"),
                        Column.right("running SQL", ""),
                        Column.right("lock wait", ""),
                        Column.right("WAL/I-O", ""),
                        Column.right("idle in tx (app)", ""),
                        Column.right("autovacuum", "")));
        for (StepReport step : r.steps()) {
            waitRow(t, String.valueOf(step.concurrency()), "service", step.serviceDbWaits());
            waitRow(t, String.valueOf(step.concurrency()), "baseline", step.baselineDbWaits());
        }
        waitRow(t, Benchmark.OPEN_LOOP, "service", r.openLoopDbWaits());
        waitRow(t, Benchmark.OPEN_LOOP, "baseline", r.baselineOpenLoopDbWaits());
        return t;
    }

    /** The open loop against its target, then the service's memory and log. */
    private static Table summary(BenchReport r) {
        Table t = new Table(null, List.of());
        StepResult open = r.openLoop();
        if (open != null) {
            t.note(String.format(
                    Locale.ROOT,
                    "Open loop at %.0f webhooks/s (half the per-event baseline's peak), %d s: accepted %.0f/s, "
                            + "ack p50 %s ms, p99 %s ms (target p99 < %.0f ms: %s), Kafka p50 %s ms, p99 %s ms, errors %d",
                    open.targetRate(),
                    Math.round(open.seconds()),
                    open.acceptedPerSecond(),
                    ms(open.ackP50()),
                    ms(open.ackP99()),
                    BenchReport.OPEN_LOOP_P99_TARGET_MS,
                    open.ackP99() != null && open.ackP99() < BenchReport.OPEN_LOOP_P99_TARGET_MS ? "met" : "NOT met",
                    ms(open.kafkaP50()),
                    ms(open.kafkaP99()),
                    open.errors()));
            StepResult base = r.baselineOpenLoop();
            if (base != null) {
                t.note(String.format(
                        Locale.ROOT,
                        "The baseline at the same rate: accepted %.0f/s, p50 %s ms, p99 %s ms, max %s ms, errors %d; "
                                + "service p99 / baseline p99 = %s",
                        base.acceptedPerSecond(),
                        ms(base.ackP50()),
                        ms(base.ackP99()),
                        ms(base.ackMax()),
                        base.errors(),
                        open.ackP99() == null || base.ackP99() == null || base.ackP99() == 0
                                ? "-"
                                : String.format(Locale.ROOT, "%.2f", open.ackP99() / base.ackP99())));
            }
        }
        t.note(String.format(
                Locale.ROOT,
                "Service peak memory (VmHWM): %s MB; service log: %d ERROR, %d WARN lines",
                r.servicePeakRssMb() == null ? "-" : r.servicePeakRssMb(),
                r.serviceLogErrors(),
                r.serviceLogWarnings()));
        return t;
    }

    private static void cpuRow(Table t, String step, String load, StepResult result, ResourceUse use) {
        if (use == null || result == null) {
            return;
        }
        t.row(List.of(
                step,
                load,
                pct(use.servicePct()),
                pct(use.postgresPct()),
                pct(use.kafkaPct()),
                pct(use.driverPct()),
                String.format(Locale.ROOT, "%.0f", use.machineBusyPct()),
                String.format(Locale.ROOT, "%.1f", use.machineStealPct()),
                use.eventsPerTransaction() == null
                        ? "-"
                        : String.format(Locale.ROOT, "%.1f", use.eventsPerTransaction()),
                String.valueOf(result.duplicates()),
                load.equals("service") ? String.valueOf(result.kafkaAcked() - result.kafkaRead()) : "-"));
    }

    private static void threadRow(Table t, String step, ResourceUse use) {
        if (use == null || use.serviceThreadsPct() == null) {
            return;
        }
        List<String> cells = new ArrayList<>(List.of(step));
        ServiceThreads.KINDS
                .keySet()
                .forEach(k -> cells.add(String.format(
                        Locale.ROOT, "%.0f", use.serviceThreadsPct().getOrDefault(k, 0.0))));
        t.row(cells);
    }

    private static void waitRow(Table t, String step, String load, DbWaits w) {
        if (w != null) {
            t.row(List.of(
                    step,
                    load,
                    two(w.running()),
                    two(w.lockWait()),
                    two(w.ioWait()),
                    two(w.inTransactionIdle()),
                    two(w.autovacuum())));
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

    private static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** The step at which the given side accepted the most per second. */
    static Optional<StepReport> peak(BenchReport r, Function<StepReport, StepResult> side) {
        return r.steps().stream()
                .filter(step -> side.apply(step) != null)
                .max(Comparator.comparingDouble(step -> side.apply(step).acceptedPerSecond()));
    }
}
