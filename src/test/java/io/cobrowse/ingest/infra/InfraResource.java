package io.cobrowse.ingest.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts one PostgreSQL and one Kafka broker for the test classes of a class loader, unless
 * {@code QUARKUS_DATASOURCE_JDBC_URL} and {@code KAFKA_BOOTSTRAP_SERVERS} point at external ones. Quarkus gives test
 * classes with a profile or resources of their own a class loader of their own, so a run starts a few; each works
 * in a directory of its own. The servers stop when the test JVM exits, whether the tests passed or not.
 */
public class InfraResource implements QuarkusTestResourceLifecycleManager {

    private static final String STARTS = "test-infra.starts";

    private static LocalInfra infra;

    public static synchronized LocalInfra infra() {
        if (infra == null && !external()) {
            try {
                infra = LocalInfra.start(workDir(), true);
                Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "test-infra-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test PostgreSQL and Kafka", e);
            }
        }
        return infra;
    }

    /**
     * A directory per start in this JVM: the servers of another class loader still run in theirs, and deleting a
     * running server's data directory failed now and then as the server wrote into it.
     */
    private static Path workDir() {
        // system properties are the one thing the class loaders share
        synchronized (System.getProperties()) {
            int start = Integer.getInteger(STARTS, 0) + 1;
            System.setProperty(STARTS, String.valueOf(start));
            return Path.of("target", "test-infra", "start-" + start).toAbsolutePath();
        }
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
