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
    private final SecureListener secure;
    private List<String> command;
    private Process process;

    private LocalKafka(Path workDir, int port, int advertisedPort, boolean shortLived, SecureListener secure) {
        this.workDir = workDir;
        this.port = port;
        this.advertisedPort = advertisedPort;
        this.shortLived = shortLived;
        this.secure = secure;
    }

    /**
     * A second listener as a production cluster has one: TLS with the given certificate, SCRAM-SHA-512 logins for
     * the given users, and ACLs enforced. The plain listener's clients (tests, the broker itself) are super users.
     *
     * @param scramUsers user names and their passwords
     */
    public record SecureListener(int port, LocalCertificates certificates, Map<String, String> scramUsers) {

        public static final String MECHANISM = "SCRAM-SHA-512";

        public String bootstrapServers() {
            return "127.0.0.1:" + port;
        }

        /** The JAAS line a client of this listener logs in with. */
        public static String jaasConfig(String user, String password) {
            return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                    + "\" password=\"" + password + "\";";
        }
    }

    /**
     * Starts a broker listening on {@code port}. Clients are told to connect to {@code advertisedPort}
     * (a proxy in front of the broker), or to the broker itself when it is 0. A short-lived broker (for a
     * test run) has its JVM compile only quickly, which starts faster; a long-lived one (a local run, the
     * benchmark) gets the full JIT compiler, which costs CPU at first and much less under sustained load.
     */
    public static LocalKafka start(Path workDir, int port, int advertisedPort, boolean shortLived)
            throws IOException, InterruptedException {
        return start(workDir, port, advertisedPort, shortLived, null);
    }

    /** As {@link #start(Path, int, int, boolean)}, with a {@link SecureListener} beside the plain one. */
    public static LocalKafka start(
            Path workDir, int port, int advertisedPort, boolean shortLived, SecureListener secure)
            throws IOException, InterruptedException {
        LocalKafka kafka =
                new LocalKafka(workDir, port, advertisedPort == 0 ? port : advertisedPort, shortLived, secure);
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
        if (secure != null) {
            addSecureListener(props);
        }
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
        List<String> format = new ArrayList<>(List.of(
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
        if (secure != null) {
            // KRaft keeps SCRAM credentials in its metadata: they are written when the storage is formatted
            secure.scramUsers()
                    .forEach((user, password) -> format.addAll(List.of(
                            "--add-scram",
                            SecureListener.MECHANISM + "=[name=" + user + ",password=" + password + "]")));
        }
        run(format);
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

    private void addSecureListener(Properties props) {
        String listener = "SECURE://127.0.0.1:" + secure.port();
        props.put("listeners", props.getProperty("listeners") + "," + listener);
        props.put("advertised.listeners", props.getProperty("advertised.listeners") + "," + listener);
        props.put(
                "listener.security.protocol.map",
                props.getProperty("listener.security.protocol.map") + ",SECURE:SASL_SSL");
        props.put("listener.name.secure.sasl.enabled.mechanisms", SecureListener.MECHANISM);
        props.put(
                "listener.name.secure.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        props.put("listener.name.secure.ssl.keystore.type", "PKCS12");
        props.put(
                "listener.name.secure.ssl.keystore.location",
                secure.certificates().keystore().toString());
        props.put("listener.name.secure.ssl.keystore.password", LocalCertificates.KEYSTORE_PASSWORD);
        props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // the plain and controller listeners authenticate no one: what comes through them may do anything
        props.put("super.users", "User:ANONYMOUS");
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
