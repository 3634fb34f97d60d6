package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.infra.FreePorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What retention costs at the peak ({@code -Dbench.mode=retention}): the peak step, with the service started with
 * short retentions, so that by the measured window its job deletes what arrived a minute or two before, at the rate
 * it arrived, against the same with retention effectively off (long retentions); interleaved, each round in the
 * other order than the one before, a fresh service on emptied tables each time. First, the job's own rates at rest:
 * rows of each kind put past their retention, and the time its batches took to remove them. Writes
 * target/benchmark/results.md.
 */
final class RetentionBenchmark {

    /**
     * The short retentions: the job deletes what arrived a minute or a minute and a half ago, in the order of the
     * defaults (bodies and records first, webhook rows later). The warm-up lasts at least two minutes, so that in
     * the measured window every kind is deleted at the rate the peak brings it.
     */
    static final Map<String, String> ON = Map.of(
            "COBROWSE_RETENTION_RAW_BODIES", "PT1M",
            "COBROWSE_RETENTION_WEBHOOKS", "PT90S",
            "COBROWSE_RETENTION_PUBLISHED", "PT1M");

    /** Retention effectively off: nothing of the run comes near these. */
    static final Map<String, String> OFF = Map.of(
            "COBROWSE_RETENTION_RAW_BODIES", "P3650D",
            "COBROWSE_RETENTION_WEBHOOKS", "P3650D",
            "COBROWSE_RETENTION_PUBLISHED", "P3650D");

    /** One peak run. */
    record Sample(int round, boolean retention, StepResult step, ResourceUse use, Map<String, Double> removed) {}

    /** The job's rates at rest: rows removed and the seconds their batches took, per kind. */
    record Drain(RetentionScrape.Totals totals, double wallSeconds) {}

    private final BenchSettings settings;
    private final RetentionBenchSettings retention;
    private final Path out;
    private final Cleanup cleanup;
    private final String secret = Benchmark.newSecret();

    RetentionBenchmark(BenchSettings settings, RetentionBenchSettings retention, Path out, Cleanup cleanup) {
        this.settings = settings;
        this.retention = retention;
        this.out = out;
        this.cleanup = cleanup;
    }

    void run() throws Exception {
        String startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String commit = GitCommit.read();
        MachineInfo machine = MachineInfo.read();
        int concurrency = settings.steps().get(settings.steps().size() - 1);
        System.out.printf(
                "cobrowse-ingest retention benchmark: %d rounds at %d senders, %d s measured%nMachine: %s%n",
                retention.rounds(), concurrency, retention.seconds(), machine.describe());
        BenchInfra infra = cleanup.add(BenchInfra.start(out.resolve("infra")));
        AgedRows aged = new AgedRows(infra.jdbcUrl, infra.user, infra.password);
        Drain drain = retention.drain() > 0 ? drain(infra, aged) : null;
        List<Sample> samples = new ArrayList<>();
        for (int round = 1; round <= retention.rounds(); round++) {
            boolean first = round % 2 == 0;
            for (boolean on : List.of(first, !first)) {
                samples.add(peak(infra, aged, round, on, concurrency));
            }
        }
        RetentionResults results =
                new RetentionResults(startedAt, commit, machine, settings, retention, drain, samples);
        System.out.print(results.text());
        results.writeMarkdown(out.resolve("results.md"));
        System.out.println("Results as Markdown: " + out.resolve("results.md"));
    }

    /**
     * Rows of each kind past their retention, put in while a service with short retentions runs (its start builds
     * the schema), and removed by its job while nothing else happens.
     */
    private Drain drain(BenchInfra infra, AgedRows aged) throws Exception {
        System.out.println("The retention job at rest: " + retention.drain() + " webhooks of each kind past retention");
        int port = FreePorts.next();
        ServiceProcess service = start(infra, port, true, "drain");
        try {
            aged.add("drain_", retention.drain());
            long start = System.nanoTime();
            long deadline = start + Duration.ofMinutes(5).toNanos();
            while (aged.left() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            double wall = (System.nanoTime() - start) / 1e9;
            if (aged.left() > 0) {
                throw new IOException("the retention job did not remove the aged rows within 5 minutes");
            }
            return new Drain(new RetentionScrape(service.managementPort()).read(), wall);
        } finally {
            stop(service);
        }
    }

    private Sample peak(BenchInfra infra, AgedRows aged, int round, boolean on, int concurrency) throws Exception {
        String label = "round " + round + (on ? ", retention at work" : ", retention off");
        System.out.println(label + ": tables emptied, the service started ...");
        aged.emptyTables();
        int port = FreePorts.next();
        ServiceProcess service = start(infra, port, on, round + (on ? "-on" : "-off"));
        try (CpuSampler cpu = new CpuSampler(service.pid(), infra.localDir);
                InboxTransactions transactions = new InboxTransactions(infra.jdbcUrl, infra.user, infra.password);
                DbWaitSampler waits = new DbWaitSampler(infra.jdbcUrl, infra.user, infra.password, "cobrowse-ingest")) {
            Map<String, String> props = new HashMap<>();
            props.put("bench.steps", String.valueOf(concurrency));
            props.put("bench.seconds", String.valueOf(retention.seconds()));
            props.put("bench.warmup.seconds", String.valueOf(settings.warmupSeconds()));
            props.put("bench.visitors", String.valueOf(settings.visitors()));
            props.put("bench.run", "r" + round + (on ? "on" : "off"));
            props.put("bench.port", String.valueOf(port));
            props.put("bench.bootstrap", infra.bootstrapServers);
            props.put("bench.service.pid", String.valueOf(service.pid()));
            DriverProcess driver =
                    cleanup.add(DriverProcess.start("service", props, Map.of("BENCH_WEBHOOK_SECRET", secret)));
            RetentionWindow window = new RetentionWindow(
                    new WindowRecorder("service", driver.pid(), cpu, transactions, waits, null, service),
                    new RetentionScrape(service.managementPort()));
            try {
                driver.follow(window, out.resolve("driver-retention-" + round + (on ? "-on" : "-off") + ".log"));
            } finally {
                cleanup.remove(driver);
                driver.close();
            }
            String step = String.valueOf(concurrency);
            StepResult result = window.recorder.results.get(step);
            if (result == null || !service.isAlive()) {
                throw new IOException(label + ": no result, see the logs in " + out);
            }
            return new Sample(round, on, result, window.recorder.resources.get(step), window.removedPerSecond);
        } finally {
            stop(service);
        }
    }

    private ServiceProcess start(BenchInfra infra, int port, boolean on, String name) throws Exception {
        int managementPort = FreePorts.next();
        Map<String, String> env = Benchmark.serviceEnvironment(infra, secret, port, managementPort);
        env.putAll(on ? ON : OFF);
        ServiceProcess service = cleanup.add(ServiceProcess.start(
                Path.of("target", "quarkus-app", "quarkus-run.jar"),
                env,
                managementPort,
                out.resolve("service-retention-" + name + ".log")));
        service.awaitReady(Duration.ofSeconds(120));
        return service;
    }

    private void stop(ServiceProcess service) throws InterruptedException {
        cleanup.remove(service);
        service.close();
    }
}
