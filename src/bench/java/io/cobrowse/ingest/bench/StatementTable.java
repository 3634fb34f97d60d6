package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.bench.Table.Column;
import java.util.List;
import java.util.Locale;

/** Where PostgreSQL's time went for the service at its peak step: its costliest statements, per webhook. */
final class StatementTable {

    private StatementTable() {}

    static Table of(BenchReport r) {
        Table t = new Table(
                "What PostgreSQL ran for the service at its peak step (costliest first, per webhook answered)",
                List.of(
                        Column.left("statement"),
                        Column.right("calls", "per webhook"),
                        Column.right("execution", "ms per webhook")));
        ResultTable.peak(r, StepReport::service).ifPresent(peak -> {
            StatementSampler.Use use = peak.serviceStatements();
            StepResult s = peak.service();
            long answered = s.accepted() + s.duplicates();
            if (use == null || answered == 0) {
                return;
            }
            for (StatementSampler.Line line : use.top()) {
                t.row(List.of(
                        line.query(),
                        String.format(Locale.ROOT, "%.2f", (double) line.calls() / answered),
                        String.format(Locale.ROOT, "%.3f", line.execMs() / answered)));
            }
            t.note(String.format(
                    Locale.ROOT,
                    "%d senders: %.2f statements and %.3f ms of execution per webhook in all (planning not included)",
                    peak.concurrency(),
                    (double) use.calls() / answered,
                    use.execMs() / answered));
        });
        return t;
    }
}
