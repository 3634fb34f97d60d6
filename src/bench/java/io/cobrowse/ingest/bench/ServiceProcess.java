package io.cobrowse.ingest.bench;

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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged service (prod profile) as a child process, its output in a log file. */
final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    /** Where its health is served. */
    private final int managementPort;

    private ServiceProcess(Process process, Path log, int managementPort) {
        this.process = process;
        this.log = log;
        this.managementPort = managementPort;
    }

    /** Where health and metrics are served. */
    int managementPort() {
        return managementPort;
    }

    static ServiceProcess start(Path jar, Map<String, String> env, int managementPort, Path log) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build the service first (./mvnw -Pbench does)");
        }
        ProcessBuilder pb = new ProcessBuilder(JavaCommand.java(), "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return new ServiceProcess(pb.start(), log, managementPort);
    }

    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IOException("the service did not become ready ("
                + (process.isAlive() ? "timed out" : "exited with " + process.exitValue()) + "), see " + log);
    }

    /** The partitions of the outbox its relay leads (its metric), 0 when it does not answer. */
    int partitionsLed() throws InterruptedException {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/metrics"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return (int) MetricsText.sum(r.body(), "cobrowse_outbox_relay_partitions");
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The process's peak resident memory so far (VmHWM), in kB, or -1 when unknown. */
    long peakRssKb() {
        return ProcStats.statusKb(process.pid(), "VmHWM");
    }

    /** Stops it as an orchestrator would (SIGTERM, graceful), forcibly after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public String toString() {
        return "the service";
    }
}
