package io.cobrowse.ingest.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts one PostgreSQL and one Kafka broker for the whole test run, unless
 * {@code QUARKUS_DATASOURCE_JDBC_URL} and {@code KAFKA_BOOTSTRAP_SERVERS} point at external ones.
 * The servers stop when the test JVM exits, whether the tests passed or not.
 */
public class InfraResource implements QuarkusTestResourceLifecycleManager {

    private static LocalInfra infra;

    public static synchronized LocalInfra infra() {
        if (infra == null && !external()) {
            try {
                infra = LocalInfra.start(Path.of("target", "test-infra").toAbsolutePath(), true);
                Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "test-infra-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test PostgreSQL and Kafka", e);
            }
        }
        return infra;
    }

    /** True when the environment points the tests at an external PostgreSQL and Kafka. */
    public static boolean external() {
        return System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null && System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null;
    }

    @Override
    public Map<String, String> start() {
        LocalInfra local = infra();
        if (local == null) {
            return Map.of();
        }
        return Map.of(
                "quarkus.datasource.jdbc.url",
                local.jdbcUrl(),
                "quarkus.datasource.username",
                LocalInfra.USER,
                "quarkus.datasource.password",
                LocalInfra.PASSWORD,
                "kafka.bootstrap.servers",
                local.bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by every test class of the run: stopped by the JVM shutdown hook of LocalInfra
    }
}
