package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.bench.Table.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The performance targets against this run's figures: each measured, its target, and whether it is met. */
final class TargetTable {

    /** The step at which the targets compare at low concurrency. */
    static final int FEW_SENDERS = 8;

    private TargetTable() {}

    static Table of(BenchReport r, CatchUp catchUp) {
        Table t = new Table(
                "Targets",
                List.of(
                        Column.left("target"),
                        Column.right("measured", ""),
                        Column.right("goal", ""),
                        Column.right("measured / goal", ""),
                        Column.left("")));
        for (Target target : measure(r, catchUp)) {
            t.row(List.of(
                    target.what(),
                    Target.number(target.measured()),
                    target.bound(),
                    target.ofGoal(),
                    target.verdict()));
        }
        return t;
    }

    /** The targets this run measured, in the table's order; a target it could not measure is left out. */
    static List<Target> measure(BenchReport r, CatchUp catchUp) {
        List<Target> t = new ArrayList<>();
        Optional<StepReport> peak = ResultTable.peak(r, StepReport::service);
        Optional<StepReport> few =
                r.steps().stream().filter(s -> s.concurrency() == FEW_SENDERS).findFirst();
        peak.ifPresent(p -> atMost(
                t,
                "service + PostgreSQL CPU per webhook at the peak, ms",
                cpu(p.service(), p.serviceResources()),
                0.35));
        few.ifPresent(f -> atMost(
                t,
                "service + PostgreSQL CPU per webhook at " + FEW_SENDERS + " senders, ms",
                cpu(f.service(), f.serviceResources()),
                1.0));
        peak.ifPresent(p -> ResultTable.peak(r, StepReport::baseline)
                .ifPresent(b -> atLeast(
                        t, "peak to peak, service / per-event baseline", ratio(p.service(), b.baseline()), 1.5)));
        peak.ifPresent(p -> ResultTable.peak(r, StepReport::dualWrite)
                .ifPresent(d -> atLeast(
                        t, "peak to peak, service / dual-write receiver", ratio(p.service(), d.dualWrite()), 2.5)));
        few.ifPresent(f -> atLeast(
                t,
                "at " + FEW_SENDERS + " senders, service / dual-write receiver",
                ratio(f.service(), f.dualWrite()),
                1.5));
        StepResult open = r.openLoop();
        StepResult baseOpen = r.baselineOpenLoop();
        if (open != null && baseOpen != null && open.ackP99() != null && baseOpen.ackP99() != null) {
            atMost(
                    t,
                    "open loop at half the baseline's peak: ack p99 / the baseline's at that rate",
                    open.ackP99() / baseOpen.ackP99(),
                    1.0);
        }
        if (open != null && open.kafkaP99() != null) {
            atMost(t, "open loop: acknowledgement to Kafka p99, ms", open.kafkaP99(), 100);
        }
        if (catchUp != null) {
            atLeast(t, "relay catch-up after a Kafka outage, records/s", catchUp.rate(), CatchUp.TARGET_PER_SECOND);
        }
        return List.copyOf(t);
    }

    private static Double cpu(StepResult result, ResourceUse use) {
        if (result == null
                || use == null
                || use.servicePct() == null
                || use.postgresPct() == null
                || result.acceptedPerSecond() <= 0) {
            return null;
        }
        return ResourceUse.msPerEvent(use.servicePct() + use.postgresPct(), result.acceptedPerSecond());
    }

    private static Double ratio(StepResult a, StepResult b) {
        return a == null || b == null || b.acceptedPerSecond() <= 0
                ? null
                : a.acceptedPerSecond() / b.acceptedPerSecond();
    }

    private static void atMost(List<Target> t, String what, Double measured, double goal) {
        if (measured != null) {
            t.add(new Target(what, measured, goal, true));
        }
    }

    private static void atLeast(List<Target> t, String what, Double measured, double goal) {
        if (measured != null) {
            t.add(new Target(what, measured, goal, false));
        }
    }
}
