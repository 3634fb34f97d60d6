package io.cobrowse.ingest.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL (embedded binaries from Maven Central) and a real Kafka broker, started on
 * loopback for the tests, the local run and the benchmark, and stopped with {@link #close()} (callers
 * register it as a shutdown hook, so the servers stop also when the JVM is interrupted).
 */
public final class LocalInfra implements AutoCloseable {

    public static final String DATABASE = "cobrowse";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final LocalKafka kafka;
    private final TcpProxy postgresProxy;
    private final TcpProxy kafkaProxy;

    private LocalInfra(EmbeddedPostgres postgres, LocalKafka kafka, TcpProxy postgresProxy, TcpProxy kafkaProxy) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.postgresProxy = postgresProxy;
        this.kafkaProxy = kafkaProxy;
    }

    /**
     * @param workDir where the servers keep their data
     * @param forTests put a {@link TcpProxy} in front of each server, so tests can cut them, and start
     *     the broker for a short life (quick start, little memory) rather than for sustained load
     */
    /**
     * An embedded PostgreSQL as every local server here runs: durable commits, room for several services'
     * pools, stopped by its caller after whatever uses it, its output in the given log.
     */
    public static EmbeddedPostgres.Builder postgresBuilder(Path binDir, Path log) {
        return EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setOverrideWorkingDirectory(binDir.toFile())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    public static LocalInfra start(Path workDir, boolean forTests) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        // a run killed before its own cleanup leaves a partial data directory, which initdb refuses
        Directories.deleteRecursively(workDir.resolve("postgres"));
        EmbeddedPostgres postgres = null;
        LocalKafka kafka = null;
        TcpProxy pgProxy = null;
        TcpProxy kafkaProxy = null;
        try {
            EmbeddedPostgres.Builder builder =
                    postgresBuilder(workDir.resolve("postgres-bin"), workDir.resolve("postgres.log"));
            if (!forTests) {
                // sustained load (local run, benchmark): PostgreSQL's default of 128 MB is sized for tiny
                // machines; with it the random inserts into the webhook-id and visitor indexes evict dirty
                // pages, whose writes then compete with the WAL flush that every acknowledgement waits for
                builder.setServerConfig("shared_buffers", "1GB");
                // what each statement costs, for the benchmark's statement tables (and for a look at a local run)
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
            }
            postgres = builder.setDataDirectory(workDir.resolve("postgres"))
                    .setCleanDataDirectory(true)
                    .start();
            createDatabase(postgres);
            int kafkaPort = FreePorts.next();
            if (forTests) {
                pgProxy = new TcpProxy(postgres.getPort());
                // the broker advertises the proxy, so every client connection goes through it
                kafkaProxy = new TcpProxy(kafkaPort);
            }
            kafka = LocalKafka.start(
                    workDir.resolve("kafka"), kafkaPort, kafkaProxy == null ? 0 : kafkaProxy.port(), forTests);
            return new LocalInfra(postgres, kafka, pgProxy, kafkaProxy);
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeAll(kafkaProxy, kafka, pgProxy, postgres);
            throw e;
        }
    }

    private static void createDatabase(EmbeddedPostgres postgres) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IOException("cannot create the database", e);
        }
    }

    /** The JDBC URL the service should use (through the proxy when there is one). */
    public String jdbcUrl() {
        int port = postgresProxy != null ? postgresProxy.port() : postgres.getPort();
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** A JDBC URL that bypasses the proxy, for tests that inspect the database during an outage. */
    public String directJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public TcpProxy postgresProxy() {
        return postgresProxy;
    }

    public TcpProxy kafkaProxy() {
        return kafkaProxy;
    }

    @Override
    public synchronized void close() {
        closeAll(kafkaProxy, kafka, postgresProxy, postgres);
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                System.err.println("could not stop " + r + ": " + e);
            }
        }
    }
}
