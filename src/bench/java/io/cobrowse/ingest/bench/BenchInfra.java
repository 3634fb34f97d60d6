package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.infra.LocalInfra;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PostgreSQL and Kafka the run uses: the ones named by the service's standard environment
 * variables when they are set, otherwise a real PostgreSQL and Kafka started on loopback.
 */
final class BenchInfra implements AutoCloseable {

    final String jdbcUrl;
    final String user;
    final String password;
    final String bootstrapServers;
    /** The started servers' folder, to find their processes; empty for external ones. */
    final Optional<Path> localDir;

    private final LocalInfra local;

    private BenchInfra(
            String jdbcUrl, String user, String password, String bootstrapServers, Path localDir, LocalInfra local) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.bootstrapServers = bootstrapServers;
        this.localDir = Optional.ofNullable(localDir);
        this.local = local;
    }

    static BenchInfra start(Path workDir) throws Exception {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        String kafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (url != null && kafka != null) {
            System.out.println(
                    "Using the PostgreSQL and Kafka of QUARKUS_DATASOURCE_JDBC_URL and KAFKA_BOOTSTRAP_SERVERS");
            return new BenchInfra(
                    url,
                    System.getenv().getOrDefault("QUARKUS_DATASOURCE_USERNAME", ""),
                    System.getenv().getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""),
                    kafka,
                    null,
                    null);
        }
        System.out.println("Starting PostgreSQL and Kafka on loopback ...");
        LocalInfra infra = LocalInfra.start(workDir, false);
        return new BenchInfra(
                infra.jdbcUrl(), LocalInfra.USER, LocalInfra.PASSWORD, infra.bootstrapServers(), workDir, infra);
    }

    @Override
    public void close() {
        if (local != null) {
            local.close();
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL and Kafka";
    }
}
