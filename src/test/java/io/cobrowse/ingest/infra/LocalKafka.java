package io.cobrowse.ingest.infra;

import io.quarkus.bootstrap.resolver.maven.MavenArtifactResolver;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.graph.Dependency;

/**
 * A real single-node KRaft Kafka broker in a JVM of its own (its Scala and logging jars would clash
 * with the service's). The broker's jars are resolved from Maven, so a machine with only a JDK and
 * Maven Central runs it.
 */
public final class LocalKafka implements AutoCloseable {

    private static final String DEFAULT_VERSION = "4.1.2";

    private final Path workDir;
    private final int port;
    private final int advertisedPort;
    private final boolean shortLived;
    private List<String> command;
    private Process process;

    private LocalKafka(Path workDir, int port, int advertisedPort, boolean shortLived) {
        this.workDir = workDir;
        this.port = port;
        this.advertisedPort = advertisedPort;
        this.shortLived = shortLived;
    }

    /**
     * Starts a broker listening on {@code port}. Clients are told to connect to {@code advertisedPort}
     * (a proxy in front of the broker), or to the broker itself when it is 0. A short-lived broker (for a
     * test run) has its JVM compile only quickly, which starts faster; a long-lived one (a local run, the
     * benchmark) gets the full JIT compiler, which costs CPU at first and much less under sustained load.
     */
    public static LocalKafka start(Path workDir, int port, int advertisedPort, boolean shortLived)
            throws IOException, InterruptedException {
        LocalKafka kafka = new LocalKafka(workDir, port, advertisedPort == 0 ? port : advertisedPort, shortLived);
        try {
            kafka.launch();
        } catch (IOException | InterruptedException | RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** What clients connect to: the proxy when there is one, else the broker. */
    public String bootstrapServers() {
        return "127.0.0.1:" + advertisedPort;
    }

    private void launch() throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        int controllerPort = FreePorts.next();
        Path logDir = workDir.resolve("data");
        Path config = workDir.resolve("server.properties");
        Properties props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + advertisedPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // the service creates its topics (the visitors one compacted): nothing may create them first
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("num.partitions", "1")));
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "single-node KRaft broker for tests and local runs");
        }
        Path log4j = workDir.resolve("log4j2.properties");
        Files.writeString(
                log4j,
                String.join(
                        "\n",
                        "rootLogger.level = WARN",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.type = File",
                        "appender.file.name = file",
                        "appender.file.fileName = " + workDir.resolve("broker.log"),
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d %-5p [%c] %m%n",
                        ""));
        String classpath = brokerClasspath();
        Directories.deleteRecursively(logDir);
        run(List.of(
                JavaCommand.java(),
                "-cp",
                classpath,
                "-Dlog4j2.configurationFile=" + log4j,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                clusterId(),
                "-c",
                config.toString()));
        List<String> cmd = new ArrayList<>(List.of(JavaCommand.java(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC"));
        if (shortLived) {
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        cmd.addAll(List.of("-Dlog4j2.configurationFile=" + log4j, "-cp", classpath, "kafka.Kafka", config.toString()));
        command = List.copyOf(cmd);
        Files.deleteIfExists(workDir.resolve("broker.out"));
        startBroker();
    }

    private void startBroker() throws IOException, InterruptedException {
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        workDir.resolve("broker.out").toFile()))
                .start();
        awaitReady(Duration.ofSeconds(90));
    }

    /**
     * Starts the broker again after {@link #close()}, on the same ports and with the data it had, as an
     * operator's restart does.
     */
    public void startAgain() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the broker is running");
        }
        startBroker();
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(
                        "Kafka broker exited with " + process.exitValue() + ", see " + workDir.resolve("broker.out"));
            }
            if (FreePorts.isListening(port)) {
                try (Admin admin = Admin.create(p)) {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    // keep waiting
                }
            }
            Thread.sleep(200);
        }
        throw new IOException("Kafka broker not ready within " + timeout + ", see " + workDir.resolve("broker.out"));
    }

    /** Stops the broker, gracefully within 20 s, forcibly after; {@link #startAgain()} restarts it. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kafka's own random id, which never starts with '-' (the storage tool would take that for an option). */
    private static String clusterId() {
        return Uuid.randomUuid().toString();
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("command failed: " + String.join(" ", cmd.subList(3, cmd.size())) + "\n" + out);
        }
    }

    /** The broker's jars, resolved (and downloaded once) through Maven's own resolver. */
    static String brokerClasspath() throws IOException {
        String version = System.getProperty("kafka.broker.version", DEFAULT_VERSION);
        try {
            MavenArtifactResolver resolver =
                    MavenArtifactResolver.builder().setWorkspaceDiscovery(false).build();
            var result = resolver.resolveDependencies(
                    new DefaultArtifact("org.apache.kafka", "kafka_2.13", "jar", version),
                    List.of(new Dependency(
                            new DefaultArtifact("org.apache.logging.log4j", "log4j-slf4j-impl", "jar", "2.24.3"),
                            "runtime")));
            return result.getArtifactResults().stream()
                    .map(r -> r.getArtifact().getFile())
                    .map(File::getAbsolutePath)
                    .collect(Collectors.joining(File.pathSeparator));
        } catch (Exception e) {
            throw new IOException("cannot resolve the Kafka broker " + version + " from Maven", e);
        }
    }
}
