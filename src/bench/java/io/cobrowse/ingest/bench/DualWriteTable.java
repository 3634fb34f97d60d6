package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.bench.Table.Column;
import java.util.List;
import java.util.Locale;

/** The service against the dual-write receiver ({@link DualWriteReceiver}), step by step and peak to peak. */
final class DualWriteTable {

    private DualWriteTable() {}

    static Table of(BenchReport r) {
        Table t = new Table(
                "Against the dual-write receiver: a transaction per webhook, then Kafka's acknowledgement awaited"
                        + " (closed loop)",
                List.of(
                        Column.right("conc", ""),
                        Column.right("service/s", "accepted"),
                        Column.right("dual-write/s", "accepted"),
                        Column.right("ratio", ""),
                        Column.right("service p99", "ms"),
                        Column.right("dual-write p99", "ms"),
                        Column.right("service + postgres", "CPU ms"),
                        Column.right("dual-write + postgres", "CPU ms")));
        for (StepReport step : r.steps()) {
            StepResult svc = step.service();
            StepResult dual = step.dualWrite();
            if (dual == null) {
                continue;
            }
            t.row(List.of(
                    String.valueOf(step.concurrency()),
                    ResultTable.rate(svc),
                    ResultTable.rate(dual),
                    ratio(svc, dual),
                    ResultTable.ms(svc == null ? null : svc.ackP99()),
                    ResultTable.ms(dual.ackP99()),
                    cpuPerWebhook(svc, step.serviceResources()),
                    cpuPerWebhook(dual, step.dualWriteResources())));
        }
        ResultTable.peak(r, StepReport::service).ifPresent(svc -> ResultTable.peak(r, StepReport::dualWrite)
                .ifPresent(dual -> t.note(String.format(
                        Locale.ROOT,
                        "Peak to peak: service %.0f/s (%d senders), dual-write receiver %.0f/s (%d senders),"
                                + " ratio %s",
                        svc.service().acceptedPerSecond(),
                        svc.concurrency(),
                        dual.dualWrite().acceptedPerSecond(),
                        dual.concurrency(),
                        ratio(svc.service(), dual.dualWrite())))));
        return t;
    }

    private static String ratio(StepResult service, StepResult dual) {
        return service == null || dual.acceptedPerSecond() == 0
                ? "-"
                : String.format(Locale.ROOT, "%.2f", service.acceptedPerSecond() / dual.acceptedPerSecond());
    }

    /** The process's and PostgreSQL's CPU per accepted webhook. */
    private static String cpuPerWebhook(StepResult result, ResourceUse use) {
        if (result == null
                || use == null
                || use.servicePct() == null
                || use.postgresPct() == null
                || result.acceptedPerSecond() <= 0) {
            return "-";
        }
        return String.format(
                Locale.ROOT,
                "%.3f",
                ResourceUse.msPerEvent(use.servicePct() + use.postgresPct(), result.acceptedPerSecond()));
    }
}
