package io.cobrowse.ingest.faults;

import io.cobrowse.ingest.infra.FreePorts;
import io.cobrowse.ingest.infra.JavaCommand;
import io.cobrowse.ingest.infra.MetricsText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service (java -jar, prod profile) as a process of its own, configured as an operator
 * would, through environment variables. A scenario can SIGKILL it and start it again on the same port.
 */
final class ServiceReplica implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    /** Every replica still running, stopped also when the suite's JVM exits early. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "replicas-stop"));
    }

    private final String name;
    private final Map<String, String> env;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private ServiceReplica(String name, Map<String, String> env, Path log) {
        this.name = name;
        this.port = FreePorts.next();
        this.managementPort = FreePorts.next();
        this.env = new HashMap<>(env);
        // health and metrics are served on a management port of their own: each replica needs one
        this.env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        this.env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        this.env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        this.log = log;
    }

    /** Starts the process; {@link #awaitReady} waits for it. */
    static ServiceReplica launch(String name, Map<String, String> env, Path log) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IOException(JAR + " is missing: package the service first (./mvnw verify -Pfaults does)");
        }
        Files.deleteIfExists(log);
        ServiceReplica replica = new ServiceReplica(name, env, log);
        replica.startAgain();
        return replica;
    }

    /** Starts it (again), on the same ports and settings. */
    synchronized void startAgain() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        ProcessBuilder pb = new ProcessBuilder(JavaCommand.java(), "-Xmx512m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        process = pb.start();
        RUNNING.add(process);
    }

    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            if (get("/q/health/ready").status() == 200) {
                return;
            }
            Thread.sleep(300);
        }
        throw new IOException(name + " not ready within " + timeout + ", see " + log);
    }

    /** How many partitions of the outbox its relay leads, as its metric cobrowse_outbox_relay_partitions says. */
    int partitionsLed() throws InterruptedException {
        if (!process.isAlive()) {
            return 0;
        }
        Reply metrics = get("/q/metrics");
        if (metrics.status() != 200) {
            return 0;
        }
        return (int) MetricsText.sum(metrics.body(), "cobrowse_outbox_relay_partitions");
    }

    /** A status (0 when nothing answered) and a body. */
    private record Reply(int status, String body) {}

    /** A GET on the management port, where health and metrics are served. */
    private Reply get(String path) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body());
        } catch (IOException notThere) {
            // not listening (yet)
            return new Reply(0, "");
        }
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    /** SIGKILL: no shutdown hook, no graceful close; the kernel closes its sockets. */
    synchronized void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        RUNNING.remove(process);
    }

    /** Stops it as an orchestrator would (SIGTERM, graceful), forcibly after 30 s. */
    @Override
    public synchronized void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        RUNNING.remove(process);
    }

    @Override
    public String toString() {
        return name;
    }
}
