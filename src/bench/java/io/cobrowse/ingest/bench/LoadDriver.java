package io.cobrowse.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The load generator, run by {@link Benchmark} in a JVM of its own so that its CPU use is not
 * counted as the service's. Modes:
 * <ul>
 * <li>{@code baseline}: closed loop at each concurrency of bench.steps, the events written with plain SQL
 * (see {@link BaselineWriter}); then an open loop at half its highest rate, in the same (warm) JVM;</li>
 * <li>{@code service}: the same events and concurrency as signed webhooks, with the Kafka arrival of every
 * acknowledged event timed; then, given {@code bench.open.rate} (the baseline's open-loop rate), an open loop
 * at that rate in the same (warm) JVM, so that the service's latency there can be read against per-event
 * commits';</li>
 * <li>{@code dual-write}: the same events and concurrency, as signed webhooks to the dual-write receiver
 * ({@link DualWriteReceiver}) at {@code bench.port}; it answers after Kafka's acknowledgement.</li>
 * </ul>
 * Settings come as system properties, secrets as environment variables. Results are printed as
 * {@link DriverProtocol} lines.
 */
public final class LoadDriver {

    private LoadDriver() {}

    public static void main(String[] args) throws Exception {
        // the classpath's logging backend; set before anything logs, or it warns on every start
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LoadDriver service|baseline|dual-write");
        }
        Logger.getLogger("org.apache.kafka").setLevel(Level.WARNING);
        String mode = args[0];
        BenchSettings settings = BenchSettings.fromSystemProperties();
        String driverId = UUID.randomUUID().toString().substring(0, 6);
        EventMix mix = new EventMix(settings.visitors(), System.getProperty("bench.run", "r"), driverId);
        Duration warmup = Duration.ofSeconds(1);
        Duration measured = Duration.ofSeconds(settings.seconds());
        ObjectMapper json = new ObjectMapper();
        switch (mode) {
            case "service" -> {
                String host = "127.0.0.1";
                int port = Integer.getInteger("bench.port");
                String secret = System.getenv("BENCH_WEBHOOK_SECRET");
                SinkFactory sinks = () -> new WebhookHttpSender(host, port, secret);
                try (KafkaArrivals kafka = new KafkaArrivals(System.getProperty("bench.bootstrap"))) {
                    runSteps(json, "service", new ClosedLoop(mix, sinks, kafka), settings, warmup, measured);
                    String openRate = System.getProperty("bench.open.rate");
                    if (openRate != null) {
                        report(
                                json,
                                new OpenLoop(mix, sinks, kafka)
                                        .run(Double.parseDouble(openRate), Duration.ofSeconds(2), measured));
                    }
                }
            }
            case "baseline" -> {
                String url = System.getProperty("bench.jdbc.url");
                String user = System.getProperty("bench.jdbc.user");
                String password = System.getenv("BENCH_JDBC_PASSWORD");
                SinkFactory writers = () -> new BaselineWriter(url, user, password);
                double peak =
                        runSteps(json, "baseline", new ClosedLoop(mix, writers, null), settings, warmup, measured);
                if (peak > 0) {
                    report(json, new OpenLoop(mix, writers, null).run(peak / 2, Duration.ofSeconds(2), measured));
                }
            }
            case "dual-write" -> {
                int port = Integer.getInteger("bench.port");
                String secret = System.getenv("BENCH_WEBHOOK_SECRET");
                SinkFactory senders = () -> new WebhookHttpSender("127.0.0.1", port, secret);
                runSteps(json, "dual-write", new ClosedLoop(mix, senders, null), settings, warmup, measured);
            }
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        }
        System.exit(0);
    }

    /** Runs the warm-up and the steps, and returns the highest accepted rate of the steps. */
    private static double runSteps(
            ObjectMapper json, String mode, ClosedLoop load, BenchSettings settings, Duration warmup, Duration measured)
            throws Exception {
        if (settings.warmupSeconds() > 0) {
            // at the highest concurrency: the most requests per second, so the JIT compiler finishes soonest
            WarmUp.run(
                    load,
                    mode,
                    settings.steps().stream().max(Integer::compare).orElseThrow(),
                    Duration.ofSeconds(settings.warmupSeconds()),
                    Long.getLong("bench.service.pid"));
        }
        double peak = 0;
        for (int concurrency : settings.steps()) {
            StepResult r = load.run(mode, concurrency, warmup, measured, true);
            report(json, r);
            peak = Math.max(peak, r.acceptedPerSecond());
        }
        return peak;
    }

    private static void report(ObjectMapper json, StepResult result) throws Exception {
        System.out.println(DriverProtocol.RESULT + " " + json.writeValueAsString(result));
        System.out.flush();
    }
}
