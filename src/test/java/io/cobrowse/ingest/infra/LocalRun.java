package io.cobrowse.ingest.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default: starts a real PostgreSQL and a real Kafka broker on loopback, then the
 * packaged service (prod profile) pointed at them, and stops all three when the service stops or
 * on Ctrl-C. With the argument {@code dev}, the service runs in Quarkus dev mode instead
 * ({@code ./mvnw quarkus:dev}: live reload, continuous testing), against the same servers.
 */
public final class LocalRun {

    /** A secret for local runs only; production secrets come from COBROWSE_WEBHOOK_SECRETS. */
    public static final String LOCAL_SECRET = "whsec_bG9jYWwtb25seS1jb2Jyb3dzZS1pbmdlc3Qtc2VjcmV0";

    /** An operator API key with every role, for local runs only; production keys come from COBROWSE_API_KEYS. */
    public static final String LOCAL_API_KEY = "local-only-operator-key-0000000000000000";

    /**
     * Where a running local run keeps its Kafka's address (the broker gets a free port), for
     * {@link TopicTail}; removed when the run stops.
     */
    public static final Path BOOTSTRAP_FILE = Path.of("target", "local-run", "kafka-bootstrap-servers");

    private LocalRun() {}

    public static void main(String[] args) throws Exception {
        String port = System.getenv().getOrDefault("QUARKUS_HTTP_PORT", "8080");
        String managementPort = System.getenv().getOrDefault("QUARKUS_MANAGEMENT_PORT", "9000");
        String secret = System.getenv().getOrDefault("COBROWSE_WEBHOOK_SECRETS", LOCAL_SECRET);
        String apiKeys = System.getenv()
                .getOrDefault(
                        "COBROWSE_API_KEYS",
                        "read=" + LOCAL_API_KEY + ",replay=" + LOCAL_API_KEY + ",erase=" + LOCAL_API_KEY);
        boolean devMode = List.of(args).contains("dev");
        System.out.println("Starting PostgreSQL and Kafka on loopback ...");
        LocalInfra infra = LocalInfra.start(Path.of("target", "local-run").toAbsolutePath(), false);
        Files.writeString(BOOTSTRAP_FILE, infra.bootstrapServers());
        ProcessBuilder pb = new ProcessBuilder(devMode ? devModeCommand() : packagedCommand()).inheritIO();
        pb.environment()
                .putAll(Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        infra.jdbcUrl(),
                        "QUARKUS_DATASOURCE_USERNAME",
                        LocalInfra.USER,
                        "QUARKUS_DATASOURCE_PASSWORD",
                        LocalInfra.PASSWORD,
                        "KAFKA_BOOTSTRAP_SERVERS",
                        infra.bootstrapServers(),
                        "COBROWSE_WEBHOOK_SECRETS",
                        secret,
                        "COBROWSE_API_KEYS",
                        apiKeys,
                        "QUARKUS_HTTP_PORT",
                        port,
                        "QUARKUS_MANAGEMENT_PORT",
                        managementPort,
                        "QUARKUS_LOG_CONSOLE_JSON_ENABLED",
                        "false"));
        Process app = pb.start();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            app.destroy();
                            try {
                                app.waitFor(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            app.destroyForcibly();
                            infra.close();
                            forgetBootstrap();
                        },
                        "local-run-stop"));
        if (awaitReady(app, "http://localhost:" + managementPort + "/q/health/ready")) {
            String url = "http://localhost:" + port + "/webhooks/cobrowse";
            System.out.println();
            System.out.println("cobrowse-ingest is ready" + (devMode ? " in dev mode." : "."));
            System.out.println("  Webhook URL:   " + url);
            System.out.println("  Secret:        "
                    + (secret.equals(LOCAL_SECRET) ? LOCAL_SECRET + " (local only)" : "from COBROWSE_WEBHOOK_SECRETS"));
            System.out.println("  PostgreSQL:    " + infra.jdbcUrl() + " (user " + LocalInfra.USER + ", password "
                    + LocalInfra.PASSWORD + ")");
            System.out.println("  Kafka:         " + infra.bootstrapServers());
            System.out.println("  Send a sample: src/test/scripts/send-sample.sh src/test/resources/samples/"
                    + "visitor.updated.json " + url);
            System.out.println("  Read it back:  ./mvnw -q -Ptail -Dtopic="
                    + System.getenv().getOrDefault("COBROWSE_TOPICS_VISITORS", "cobrowse.visitors.v1"));
            System.out.println("  OpenAPI:       http://localhost:" + port + "/q/openapi");
            System.out.println("  Operator API:  http://localhost:" + port + "/api/v1, key "
                    + (System.getenv("COBROWSE_API_KEYS") == null
                            ? LOCAL_API_KEY + " (local only, every role)"
                            : "from COBROWSE_API_KEYS"));
            System.out.println("  Health:        http://localhost:" + managementPort + "/q/health  Metrics: /q/metrics"
                    + " (the management port)");
            if (devMode) {
                System.out.println("  Dev mode:      edit the code, and the next request runs it; "
                        + "Dev UI at http://localhost:" + port + "/q/dev-ui");
            }
            System.out.println("Press Ctrl-C to stop the service, PostgreSQL and Kafka.");
        }
        int exit = app.waitFor();
        infra.close();
        forgetBootstrap();
        System.exit(exit);
    }

    private static List<String> packagedCommand() {
        return List.of(
                JavaCommand.java(),
                "-jar",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toString());
    }

    /**
     * The project's own Maven wrapper in dev mode: the dev profile, the code compiled and reloaded on change. No
     * analytics question, which would hold the start-up until it is answered.
     */
    private static List<String> devModeCommand() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        String wrapper = Path.of(windows ? "mvnw.cmd" : "mvnw").toAbsolutePath().toString();
        return List.of(wrapper, "-q", "quarkus:dev", "-Dquarkus.analytics.disabled=true");
    }

    private static void forgetBootstrap() {
        try {
            Files.deleteIfExists(BOOTSTRAP_FILE);
        } catch (IOException e) {
            // a stale address only makes TopicTail say that it cannot reach Kafka
        }
    }

    private static boolean awaitReady(Process app, String url) throws InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (app.isAlive() && System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        return false;
    }
}
