package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.bench.RetentionBenchmark.Drain;
import io.cobrowse.ingest.bench.RetentionBenchmark.Sample;
import io.cobrowse.ingest.bench.Table.Column;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The retention benchmark's tables: the job's rates at rest, and the peak with and without it, interleaved. */
final class RetentionResults {

    /** The target: retention at work costs at most this share of the peak. */
    static final double TARGET_COST = 0.05;

    private final String startedAt;
    private final String commit;
    private final MachineInfo machine;
    private final BenchSettings settings;
    private final RetentionBenchSettings retention;
    private final Drain drain;
    private final List<Sample> samples;

    RetentionResults(
            String startedAt,
            String commit,
            MachineInfo machine,
            BenchSettings settings,
            RetentionBenchSettings retention,
            Drain drain,
            List<Sample> samples) {
        this.startedAt = startedAt;
        this.commit = commit;
        this.machine = machine;
        this.settings = settings;
        this.retention = retention;
        this.drain = drain;
        this.samples = samples;
    }

    String text() {
        StringBuilder s = new StringBuilder();
        tables().forEach(t -> s.append(t.text()));
        return s.toString();
    }

    void writeMarkdown(Path file) throws IOException {
        StringBuilder s = new StringBuilder("# cobrowse-ingest retention benchmark\n\n");
        s.append("- Run: ").append(startedAt).append(", commit ").append(commit).append('\n');
        s.append(machine.markdownLines());
        s.append(String.format(
                Locale.ROOT,
                "- %d rounds of the peak step (%d senders, %d s measured, after a warm-up of at most %d s),"
                        + " with retention at work (raw bodies %s, webhooks %s, published records %s) and off (%s),"
                        + " alternating which goes first; a fresh service on emptied tables each run%n%n",
                retention.rounds(),
                settings.steps().get(settings.steps().size() - 1),
                retention.seconds(),
                settings.warmupSeconds(),
                RetentionBenchmark.ON.get("COBROWSE_RETENTION_RAW_BODIES"),
                RetentionBenchmark.ON.get("COBROWSE_RETENTION_WEBHOOKS"),
                RetentionBenchmark.ON.get("COBROWSE_RETENTION_PUBLISHED"),
                RetentionBenchmark.OFF.values().stream().distinct().toList()));
        tables().forEach(t -> s.append(t.markdown()));
        Files.writeString(file, s.toString().strip() + "\n");
    }

    private List<Table> tables() {
        List<Table> tables = new ArrayList<>();
        double on = median(true);
        double off = median(false);
        if (drain != null) {
            tables.add(atRest(off));
        }
        Table peak = new Table(
                "The peak step with retention at work and off",
                List.of(
                        Column.right("round", ""),
                        Column.left("retention"),
                        Column.right("accepted", "/s"),
                        Column.right("ack p50", "ms"),
                        Column.right("ack p99", "ms"),
                        Column.right("errors", ""),
                        Column.right("service", "%"),
                        Column.right("postgres", "%"),
                        Column.right("CPU per webhook", "ms"),
                        Column.right("published removed", "/s"),
                        Column.right("raw bodies dropped", "/s"),
                        Column.right("webhook rows removed", "/s")));
        for (Sample x : samples) {
            peak.row(List.of(
                    String.valueOf(x.round()),
                    x.retention() ? "at work" : "off",
                    ResultTable.rate(x.step()),
                    ResultTable.ms(x.step().ackP50()),
                    ResultTable.ms(x.step().ackP99()),
                    String.valueOf(x.step().errors()),
                    whole(x.use() == null ? null : x.use().servicePct()),
                    whole(x.use() == null ? null : x.use().postgresPct()),
                    cpu(x),
                    whole(x.removed().get("published")),
                    whole(x.removed().get("raw_body")),
                    whole(x.removed().get("webhook"))));
        }
        double ratio = on / off;
        peak.note(String.format(
                Locale.ROOT,
                "Medians: %.0f/s with retention at work, %.0f/s with it off; ratio %.3f, a cost of %.1f%% of the peak"
                        + " (target at most %.0f%%: %s). CPU per webhook, service and PostgreSQL: %.3f ms at work,"
                        + " %.3f ms off (medians).",
                on,
                off,
                ratio,
                100 * (1 - ratio),
                100 * TARGET_COST,
                1 - ratio <= TARGET_COST ? "met" : "NOT met",
                median(true, RetentionResults::cpuMs),
                median(false, RetentionResults::cpuMs)));
        tables.add(peak);
        return tables;
    }

    /** Rows per second of the job's batches at rest, against the peak ingest rate with retention off. */
    private Table atRest(double peak) {
        RetentionScrape.Totals t = drain.totals();
        double published = t.rows("published");
        // the bodies of webhooks without records (stale here); the others went with their records
        double bodies = t.rows("raw_body") - published;
        double webhooks = t.rows("webhook");
        Table table = new Table(
                "The retention job at rest (each row a batch statement's work; the database otherwise idle)",
                List.of(
                        Column.left("kind"),
                        Column.right("rows", ""),
                        Column.right("batch time", "s"),
                        Column.right("rate", "rows/s"),
                        Column.right("x peak ingest", "")));
        addRate(table, "published records, with their webhooks' raw bodies", published, t.seconds("published"), peak);
        addRate(table, "raw bodies of webhooks without records", bodies, t.seconds("raw_body"), peak);
        addRate(table, "webhook rows", webhooks, t.seconds("webhook"), peak);
        double perWebhook = t.seconds("published") / published + t.seconds("webhook") / webhooks;
        table.note(String.format(
                Locale.ROOT,
                "A webhook with a record costs the job %.1f µs of batch time (its record, its body and later its row):"
                        + " %.0f webhooks/s, %.1f times the peak ingest rate of %.0f/s. Wall time %.0f s with the"
                        + " pauses between batches.",
                perWebhook * 1e6,
                1 / perWebhook,
                1 / perWebhook / peak,
                peak,
                drain.wallSeconds()));
        return table;
    }

    private static void addRate(Table table, String kind, double rows, double seconds, double peak) {
        double rate = seconds > 0 ? rows / seconds : 0;
        table.row(List.of(
                kind,
                String.format(Locale.ROOT, "%.0f", rows),
                String.format(Locale.ROOT, "%.2f", seconds),
                String.format(Locale.ROOT, "%.0f", rate),
                String.format(Locale.ROOT, "%.1f", rate / peak)));
    }

    /** The service's and PostgreSQL's CPU time per accepted webhook, in ms; NaN when not sampled. */
    private static double cpuMs(Sample x) {
        if (x.use() == null || x.use().servicePct() == null || x.use().postgresPct() == null) {
            return Double.NaN;
        }
        return ResourceUse.msPerEvent(
                x.use().servicePct() + x.use().postgresPct(), x.step().acceptedPerSecond());
    }

    private static String cpu(Sample x) {
        double ms = cpuMs(x);
        return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.3f", ms);
    }

    private double median(boolean retentionOn) {
        return median(retentionOn, x -> x.step().acceptedPerSecond());
    }

    private double median(boolean retentionOn, ToDoubleFunction<Sample> value) {
        double[] rates = samples.stream()
                .filter(x -> x.retention() == retentionOn)
                .mapToDouble(value)
                .filter(v -> !Double.isNaN(v))
                .sorted()
                .toArray();
        if (rates.length == 0) {
            return Double.NaN;
        }
        int mid = rates.length / 2;
        return rates.length % 2 == 1 ? rates[mid] : (rates[mid - 1] + rates[mid]) / 2;
    }

    private static String whole(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }
}
