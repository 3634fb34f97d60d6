package io.cobrowse.ingest.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Follows one driver run: samples CPU at the start and end of each measured window, and after each
 * step the webhooks per transaction and the service's peak memory; keeps the results, and prints one
 * progress line per step.
 */
final class WindowRecorder implements DriverProcess.Listener {

    final Map<String, StepResult> results = new HashMap<>();
    final Map<String, ResourceUse> resources = new HashMap<>();
    final Map<String, Long> peakRssMb = new HashMap<>();
    final List<Double> warmUpRates = new ArrayList<>();
    final Map<String, DbWaits> dbWaits = new HashMap<>();
    final Map<String, StatementSampler.Use> statements = new HashMap<>();
    private final String mode;
    private final long driverPid;
    private final CpuSampler cpu;
    private final InboxTransactions transactions;
    private final DbWaitSampler waits;
    private final ServiceProcess service;
    private final StatementSampler statementSampler;
    private CpuSampler.Snapshot windowStart;
    private StatementSampler.Snapshot statementsStart;
    private Instant windowStartedAt;
    private Instant windowEndedAt;

    WindowRecorder(
            String mode,
            long driverPid,
            CpuSampler cpu,
            InboxTransactions transactions,
            DbWaitSampler waits,
            StatementSampler statementSampler,
            ServiceProcess service) {
        this.mode = mode;
        this.statementSampler = statementSampler;
        this.driverPid = driverPid;
        this.cpu = cpu;
        this.transactions = transactions;
        this.waits = waits;
        this.service = service;
    }

    @Override
    public void windowStarted(String step) {
        windowStart = cpu.take(driverPid);
        statementsStart = statementSampler == null ? null : statementSampler.take();
        windowStartedAt = Instant.now();
        waits.begin();
    }

    @Override
    public void windowEnded(String step) {
        if (windowStart != null) {
            resources.put(step, cpu.between(windowStart, cpu.take(driverPid)));
            if (statementSampler != null) {
                StatementSampler.Use use = StatementSampler.between(statementsStart, statementSampler.take());
                if (use != null) {
                    statements.put(step, use);
                }
            }
            windowEndedAt = Instant.now();
            windowStart = null;
            try {
                DbWaits w = waits.end();
                if (w != null) {
                    dbWaits.put(step, w);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void warmUpSlice(double perSecond, double jitPercent) {
        warmUpRates.add(perSecond);
        System.out.printf(
                Locale.ROOT,
                "  %-8s warm-up: %.0f/s over %d s%s%n",
                mode,
                perSecond,
                WarmUp.SLICE.toSeconds(),
                service == null ? "" : String.format(Locale.ROOT, ", JIT compiler %.0f%%", jitPercent));
    }

    @Override
    public void result(StepResult r) {
        String step = r.mode().equals(Benchmark.OPEN_LOOP) ? r.mode() : String.valueOf(r.concurrency());
        results.put(step, r);
        Long rss = null;
        if (service != null) {
            long kb = service.peakRssKb();
            rss = kb < 0 ? null : kb / 1024;
            peakRssMb.put(step, rss);
        }
        ResourceUse use = resources.get(step);
        if (use != null && windowEndedAt != null) {
            // read after the step, when the window's transactions have all committed
            use = use.withEventsPerTransaction(transactions.eventsPerTransaction(windowStartedAt, windowEndedAt));
            resources.put(step, use);
        }
        System.out.printf(
                Locale.ROOT,
                "  %-8s %5s: %7.0f/s  p50 %s ms  p99 %s ms  errors %d%s%s%s%n",
                mode,
                step,
                r.acceptedPerSecond(),
                ResultTable.ms(r.ackP50()),
                ResultTable.ms(r.ackP99()),
                r.errors(),
                !mode.equals("service")
                        ? ""
                        : "  kafka p99 " + ResultTable.ms(r.kafkaP99()) + " ms (" + (r.kafkaAcked() - r.kafkaRead())
                                + " unread)",
                use == null
                        ? ""
                        : String.format(Locale.ROOT, "  cpu svc %s%% pg %s%%", use.servicePct(), use.postgresPct()),
                rss == null ? "" : "  rss " + rss + " MB");
        if (!r.errorKinds().isEmpty()) {
            System.out.println("           errors: " + r.errorKinds());
        }
    }
}
