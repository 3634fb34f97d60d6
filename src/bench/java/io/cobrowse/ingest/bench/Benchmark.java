package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.infra.FreePorts;
import io.cobrowse.ingest.outbox.OutboxRelay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark, in one run on one machine: starts PostgreSQL and Kafka (or uses the ones the
 * standard environment variables name), then the packaged service; drives it from a second JVM at
 * increasing concurrency, then at a fixed rate of half its peak; runs the plain-SQL baseline at the
 * same concurrency from a third, then the dual-write receiver ({@link DualWriteReceiver}) the same way as
 * the service; prints the tables and writes them to target/benchmark/results.md, with
 * results.csv, results.json and throughput-latency.png. It stops everything it started, also on failure
 * and on Ctrl-C. With {@code -Dbench.runs=N} it does all that N times, each run into target/benchmark/run-i,
 * and writes the targets' medians to target/benchmark/results.md.
 *
 * <p>Run it with {@code ./mvnw -Pbench}; {@code -Dbench.steps=1,8,32} and {@code -Dbench.seconds=N}
 * change the steps and their length, {@code -Dbench.warmup.seconds=N} caps the warm-up. At the end it
 * measures a replay against the relay ({@link ReplayBench}, {@code -Dbench.replay.records=N}, 100,000 by
 * default, 0 to leave it out); {@code -Dbench.replay.only=true} measures that alone.
 */
public final class Benchmark {

    /** The ApplicationName the service's connection pool reports to PostgreSQL (application.properties). */
    private static final String SERVICE_APPLICATION_NAME = "cobrowse-ingest";

    private static final String CHART = "throughput-latency.png";

    private static final Path SERVICE_JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    /** The open-loop step's label in the driver's output. */
    static final String OPEN_LOOP = "open";

    private final BenchSettings settings;
    private final Path out;
    /** Where PostgreSQL and Kafka keep their data; every run starts them afresh there. */
    private final Path infraDir;

    private final Cleanup cleanup;
    /** Which run of several this is ("run 2 of 3"), null for a run on its own. */
    private final String runOf;

    private final String runId = UUID.randomUUID().toString().substring(0, 4);

    private Benchmark(BenchSettings settings, Path out, Path infraDir, Cleanup cleanup, String runOf) {
        this.settings = settings;
        this.out = out;
        this.infraDir = infraDir;
        this.cleanup = cleanup;
        this.runOf = runOf;
    }

    public static void main(String[] args) {
        // the classpath's logging backend; set before anything logs, or it warns on every start
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        System.setProperty("java.awt.headless", "true");
        int exit = 0;
        try {
            BenchSettings settings = BenchSettings.fromSystemProperties();
            Path out = Path.of("target", "benchmark").toAbsolutePath();
            Files.createDirectories(out);
            Path infra = out.resolve("infra");
            boolean retention = "retention".equals(System.getProperty("bench.mode"));
            if (settings.runs() > 1 && (retention || settings.replayOnly())) {
                throw new IllegalArgumentException("bench.runs repeats the steps' run; the replay alone and the"
                        + " retention measurement run once");
            }
            if (retention) {
                withCleanup(cleanup -> {
                    new RetentionBenchmark(settings, RetentionBenchSettings.fromSystemProperties(), out, cleanup).run();
                    return null;
                });
            } else if (settings.runs() == 1 || settings.replayOnly()) {
                withCleanup(cleanup -> new Benchmark(settings, out, infra, cleanup, null).run());
            } else {
                BenchmarkRuns.run(
                        settings,
                        out,
                        (dir, runOf) ->
                                withCleanup(cleanup -> new Benchmark(settings, dir, infra, cleanup, runOf).run()));
            }
        } catch (Exception e) {
            System.err.println("The benchmark failed: " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private interface Part<T> {
        T run(Cleanup cleanup) throws Exception;
    }

    /** Runs a part of the benchmark and stops everything it started, also on failure and on Ctrl-C. */
    private static <T> T withCleanup(Part<T> part) throws Exception {
        Cleanup cleanup = new Cleanup();
        try {
            return part.run(cleanup);
        } finally {
            System.out.println("Stopping the service, the drivers, PostgreSQL and Kafka ...");
            cleanup.closeAll();
        }
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** One run; returns the targets it measured (none for the replay alone). */
    private List<Target> run() throws Exception {
        String startedAt = now();
        String commit = GitCommit.read();
        MachineInfo machine = MachineInfo.read();
        if (settings.replayOnly()) {
            System.out.printf(
                    Locale.ROOT,
                    "cobrowse-ingest benchmark: a replay of %d records%nMachine: %s%n",
                    settings.replayRecords(),
                    machine.describe());
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "cobrowse-ingest benchmark: concurrency %s, %d s per step, %d visitors%n" + "Machine: %s%n",
                    settings.steps(),
                    settings.seconds(),
                    settings.visitors(),
                    machine.describe());
        }

        BenchInfra infra = cleanup.add(BenchInfra.start(infraDir));
        String baselineUrl =
                BaselineDatabase.create(infra.jdbcUrl, infra.user, infra.password, Path.of("db", "migration"));
        String secret = newSecret();
        String replayKey = newSecret().substring("whsec_".length());
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        ServiceProcess service = startService(
                "the service",
                withApiKey(serviceEnvironment(infra, secret, port, managementPort), replayKey),
                port,
                managementPort,
                "service.log");
        ReplayBench replays = new ReplayBench(infra, port, replayKey);
        if (settings.replayOnly()) {
            ReplayResult replay = replays.run(runId, settings.replayRecords());
            CatchUp catchUp = catchUp(infra, secret);
            ResultMarkdown.writeReplayOnly(startedAt, commit, machine, replay, catchUp, out.resolve("results.md"));
            System.out.println("Results as Markdown: " + out.resolve("results.md"));
            return List.of();
        }
        CpuSampler cpu = cleanup.add(new CpuSampler(service.pid(), infra.localDir));
        InboxTransactions serviceTransactions =
                cleanup.add(new InboxTransactions(infra.jdbcUrl, infra.user, infra.password));
        InboxTransactions baselineTransactions =
                cleanup.add(new InboxTransactions(baselineUrl, infra.user, infra.password));
        DbWaitSampler serviceWaits =
                cleanup.add(new DbWaitSampler(infra.jdbcUrl, infra.user, infra.password, SERVICE_APPLICATION_NAME));
        DbWaitSampler baselineWaits = cleanup.add(
                new DbWaitSampler(baselineUrl, infra.user, infra.password, BaselineWriter.APPLICATION_NAME));

        Map<String, String> httpProps = common();
        httpProps.put("bench.port", String.valueOf(port));
        httpProps.put("bench.bootstrap", infra.bootstrapServers);
        httpProps.put("bench.service.pid", String.valueOf(service.pid()));
        Map<String, String> httpEnv = Map.of("BENCH_WEBHOOK_SECRET", secret);

        Map<String, String> baselineProps = common();
        baselineProps.put("bench.jdbc.url", baselineUrl);
        baselineProps.put("bench.jdbc.user", infra.user);
        System.out.println("Baseline, plain SQL, one transaction per event, then open loop at half its peak ...");
        WindowRecorder baselineRun = drive(
                "baseline",
                baselineProps,
                Map.of("BENCH_JDBC_PASSWORD", infra.password),
                cpu,
                baselineTransactions,
                baselineWaits,
                statements(infra, baselineUrl),
                null);

        StepResult baselineOpen = baselineRun.results.get(OPEN_LOOP);
        if (baselineOpen != null) {
            // the latency target's rate: half the per-event baseline's peak
            httpProps.put("bench.open.rate", String.valueOf(baselineOpen.targetRate()));
        }
        System.out.println("Service, closed loop (warm-up until the rate levels off and the JIT compiler goes quiet,"
                + " at most " + settings.warmupSeconds() + " s), then open loop at the baseline's open-loop rate ...");
        WindowRecorder serviceRun = drive(
                "service",
                httpProps,
                httpEnv,
                cpu,
                serviceTransactions,
                serviceWaits,
                statements(infra, infra.jdbcUrl),
                service);
        StepResult serviceOpen = serviceRun.results.get(OPEN_LOOP);

        System.out.println(
                "Dual-write receiver: one transaction per webhook, then Kafka's acknowledgement awaited ...");
        WindowRecorder dualWriteRun = dualWrite(infra, secret);

        ReplayResult replay = settings.replayRecords() == 0 ? null : replays.run(runId, settings.replayRecords());
        CatchUp catchUp = catchUp(infra, secret);

        long peakRss = service.peakRssKb();
        LogCounts log = LogCounts.of(out.resolve("service.log"));
        BenchReport report = new BenchReport(
                startedAt,
                commit,
                machine,
                settings,
                serviceRun.warmUpRates,
                baselineRun.warmUpRates,
                steps(serviceRun, baselineRun, dualWriteRun),
                serviceOpen,
                serviceRun.resources.get(OPEN_LOOP),
                serviceRun.dbWaits.get(OPEN_LOOP),
                baselineRun.results.get(OPEN_LOOP),
                baselineRun.resources.get(OPEN_LOOP),
                baselineRun.dbWaits.get(OPEN_LOOP),
                peakRss < 0 ? null : peakRss / 1024,
                log.errors(),
                log.warnings());
        System.out.print(ResultTable.render(report));
        System.out.print(TargetTable.of(report, catchUp).text());
        ResultFiles.write(report, out);
        boolean chart = writeChart(report, out.resolve(CHART));
        ResultMarkdown.write(report, runOf, chart ? CHART : null, replay, catchUp, out.resolve("results.md"));
        System.out.println("Results: " + out.resolve("results.csv") + ", " + out.resolve("results.json")
                + (chart ? ", " + out.resolve(CHART) : ""));
        System.out.println("Results as Markdown: " + out.resolve("results.md"));
        return TargetTable.measure(report, catchUp);
    }

    /** The chart is an extra: without it the tables and files still stand. */
    private static boolean writeChart(BenchReport report, Path file) {
        try {
            ThroughputLatencyChart.write(report, file);
            return true;
        } catch (IOException e) {
            System.err.println("Could not write the chart " + file + ": " + e);
            return false;
        }
    }

    /** What PostgreSQL runs for the database, where pg_stat_statements is loaded (the started PostgreSQL); else null. */
    private StatementSampler statements(BenchInfra infra, String jdbcUrl) {
        StatementSampler s = StatementSampler.open(jdbcUrl, infra.user, infra.password);
        return s == null ? null : cleanup.add(s);
    }

    /**
     * The catch-up with the service's relay alone, then with a second replica started beside it, once their
     * relays share the partitions; null when left out.
     */
    private CatchUp catchUp(BenchInfra infra, String secret) throws Exception {
        if (settings.catchUpRecords() == 0) {
            return null;
        }
        CatchUpBench bench = new CatchUpBench(infra);
        CatchUpResult one = bench.run(runId + "a", settings.catchUpRecords(), 1);
        if (one == null) {
            return null;
        }
        int port = FreePorts.next();
        int managementPort = FreePorts.next();
        ServiceProcess second = startService(
                "a second replica",
                serviceEnvironment(infra, secret, port, managementPort),
                port,
                managementPort,
                "service-2.log");
        try {
            awaitSharedPartitions(second, Duration.ofSeconds(60));
            return new CatchUp(one, bench.run(runId + "b", settings.catchUpRecords(), 2));
        } finally {
            cleanup.remove(second);
            second.close();
        }
    }

    /** Starts the packaged service with this environment; returns once it is ready (stopped on exit). */
    private ServiceProcess startService(
            String what, Map<String, String> env, int port, int managementPort, String logName)
            throws IOException, InterruptedException {
        System.out.println("Starting " + what + " on 127.0.0.1:" + port + " (log: " + out.resolve(logName) + ") ...");
        ServiceProcess service =
                cleanup.add(ServiceProcess.start(SERVICE_JAR, env, managementPort, out.resolve(logName)));
        service.awaitReady(Duration.ofSeconds(120));
        return service;
    }

    /** Returns once the second replica's relay leads half the partitions (the first leads the rest). */
    private static void awaitSharedPartitions(ServiceProcess second, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (second.partitionsLed() < OutboxRelay.PARTITIONS / 2) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the second replica's relay did not get its share of the partitions");
            }
            Thread.sleep(500);
        }
    }

    /** The dual-write receiver on a database of its own, driven like the service; stopped afterwards. */
    private WindowRecorder dualWrite(BenchInfra infra, String secret) throws Exception {
        String url = BaselineDatabase.create(
                infra.jdbcUrl, infra.user, infra.password, Path.of("db", "migration"), "_dual_write");
        int port = FreePorts.next();
        Map<String, String> env = Map.of("BENCH_WEBHOOK_SECRET", secret, "BENCH_JDBC_PASSWORD", infra.password);
        Map<String, String> props = common();
        props.put("bench.port", String.valueOf(port));
        props.put("bench.jdbc.url", url);
        props.put("bench.jdbc.user", infra.user);
        props.put("bench.bootstrap", infra.bootstrapServers);
        ReceiverProcess receiver = cleanup.add(ReceiverProcess.start(props, env, out.resolve("dual-write.log")));
        try {
            receiver.awaitListening(port, Duration.ofSeconds(60));
            // its JIT compiler warms up as the service's does
            props.put("bench.service.pid", String.valueOf(receiver.pid()));
            return drive(
                    "dual-write",
                    props,
                    env,
                    cleanup.add(new CpuSampler(receiver.pid(), infra.localDir)),
                    cleanup.add(new InboxTransactions(url, infra.user, infra.password)),
                    cleanup.add(new DbWaitSampler(url, infra.user, infra.password, BaselineWriter.APPLICATION_NAME)),
                    statements(infra, url),
                    null);
        } finally {
            cleanup.remove(receiver);
            receiver.close();
        }
    }

    private List<StepReport> steps(WindowRecorder service, WindowRecorder baseline, WindowRecorder dualWrite) {
        List<StepReport> steps = new ArrayList<>();
        for (int c : settings.steps()) {
            String key = String.valueOf(c);
            StepResult s = service.results.get(key);
            StepResult b = baseline.results.get(key);
            Double ratio = s == null || b == null || b.acceptedPerSecond() == 0
                    ? null
                    : s.acceptedPerSecond() / b.acceptedPerSecond();
            steps.add(new StepReport(
                    c,
                    s,
                    b,
                    ratio,
                    service.peakRssMb.get(key),
                    service.resources.get(key),
                    baseline.resources.get(key),
                    service.dbWaits.get(key),
                    baseline.dbWaits.get(key),
                    dualWrite.results.get(key),
                    dualWrite.resources.get(key),
                    service.statements.get(key),
                    baseline.statements.get(key),
                    dualWrite.statements.get(key)));
        }
        return steps;
    }

    private WindowRecorder drive(
            String mode,
            Map<String, String> props,
            Map<String, String> env,
            CpuSampler cpu,
            InboxTransactions transactions,
            DbWaitSampler waits,
            StatementSampler statements,
            ServiceProcess service)
            throws IOException, InterruptedException {
        DriverProcess driver = cleanup.add(DriverProcess.start(mode, props, env));
        WindowRecorder recorder = new WindowRecorder(mode, driver.pid(), cpu, transactions, waits, statements, service);
        try {
            driver.follow(recorder, out.resolve("driver-" + mode + ".log"));
        } finally {
            cleanup.remove(driver);
            driver.close();
        }
        if (service != null && !service.isAlive()) {
            throw new IOException("the service stopped during the run, see " + out.resolve("service.log"));
        }
        return recorder;
    }

    private Map<String, String> common() {
        Map<String, String> p = new HashMap<>();
        p.put(
                "bench.steps",
                String.join(",", settings.steps().stream().map(String::valueOf).toList()));
        p.put("bench.seconds", String.valueOf(settings.seconds()));
        p.put("bench.warmup.seconds", String.valueOf(settings.warmupSeconds()));
        p.put("bench.visitors", String.valueOf(settings.visitors()));
        p.put("bench.run", runId);
        return p;
    }

    /** The operator API key the replay measurement starts its replay with. */
    private static Map<String, String> withApiKey(Map<String, String> env, String replayKey) {
        env.put("COBROWSE_API_KEYS", "replay=" + replayKey);
        return env;
    }

    static Map<String, String> serviceEnvironment(BenchInfra infra, String secret, int port, int managementPort) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", infra.user);
        env.put("QUARKUS_DATASOURCE_PASSWORD", infra.password);
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers);
        env.put("COBROWSE_WEBHOOK_SECRETS", secret);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // the benchmark's traffic stays on loopback
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // health is served on the management port: a free one too, on loopback as well
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return env;
    }

    /** A fresh signing secret per run, so nothing outside the run can sign for it. */
    static String newSecret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
