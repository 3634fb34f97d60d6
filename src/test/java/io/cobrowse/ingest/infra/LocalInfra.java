package io.cobrowse.ingest.infra;

import io.cobrowse.ingest.infra.LocalKafka.SecureListener;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

/**
 * A real PostgreSQL (embedded binaries from Maven Central) and a real Kafka broker, started on
 * loopback for the tests, the local run and the benchmark, and stopped with {@link #close()} (callers
 * register it as a shutdown hook, so the servers stop also when the JVM is interrupted).
 */
public final class LocalInfra implements AutoCloseable {

    public static final String DATABASE = "cobrowse";
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    /** A PostgreSQL user that may log in over TLS only (tests' servers). */
    public static final String TLS_ONLY_USER = "cobrowse_tls";

    public static final String TLS_ONLY_PASSWORD = "tls-only-password";

    /** Kafka users of the secure listener (tests' servers): the service's and one that no ACL names. */
    public static final Map<String, String> KAFKA_USERS =
            Map.of("cobrowse-ingest", "scram-password-of-the-service", "someone-else", "scram-password-of-another");

    private final EmbeddedPostgres postgres;
    private final LocalKafka kafka;
    private final TcpProxy postgresProxy;
    private final TcpProxy kafkaProxy;
    private final SecureListener kafkaSecureListener;

    private LocalInfra(
            EmbeddedPostgres postgres,
            LocalKafka kafka,
            TcpProxy postgresProxy,
            TcpProxy kafkaProxy,
            SecureListener kafkaSecureListener) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.postgresProxy = postgresProxy;
        this.kafkaProxy = kafkaProxy;
        this.kafkaSecureListener = kafkaSecureListener;
    }

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

    /**
     * @param workDir where the servers keep their data
     * @param forTests put a {@link TcpProxy} in front of each server, so tests can cut them, start the broker
     *     for a short life (quick start, little memory) rather than for sustained load, and open the TLS
     *     listeners that the transport security tests use
     */
    public static LocalInfra start(Path workDir, boolean forTests) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        // a run killed before its own cleanup leaves a partial data directory, which initdb refuses
        Directories.deleteRecursively(workDir.resolve("postgres"));
        EmbeddedPostgres postgres = null;
        LocalKafka kafka = null;
        TcpProxy pgProxy = null;
        TcpProxy kafkaProxy = null;
        SecureListener secure = null;
        try {
            EmbeddedPostgres.Builder builder =
                    postgresBuilder(workDir.resolve("postgres-bin"), workDir.resolve("postgres.log"));
            if (forTests) {
                LocalCertificates certificates = LocalCertificates.create(workDir.resolve("tls"));
                acceptTls(builder, certificates, workDir.resolve("pg_hba.conf"));
                secure = new SecureListener(FreePorts.next(), certificates, KAFKA_USERS);
            } else {
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
            createDatabase(postgres, forTests);
            int kafkaPort = FreePorts.next();
            if (forTests) {
                pgProxy = new TcpProxy(postgres.getPort());
                // the broker advertises the proxy, so every client connection goes through it
                kafkaProxy = new TcpProxy(kafkaPort);
            }
            kafka = LocalKafka.start(
                    workDir.resolve("kafka"), kafkaPort, kafkaProxy == null ? 0 : kafkaProxy.port(), forTests, secure);
            return new LocalInfra(postgres, kafka, pgProxy, kafkaProxy, secure);
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeAll(kafkaProxy, kafka, pgProxy, postgres);
            throw e;
        }
    }

    /**
     * TLS on, and a user who may log in over TLS only (with a password); everyone else as before, with or
     * without TLS.
     */
    private static void acceptTls(EmbeddedPostgres.Builder builder, LocalCertificates certificates, Path hbaFile)
            throws IOException {
        Files.writeString(
                hbaFile,
                String.join(
                        "\n",
                        "local all all trust",
                        "hostssl all " + TLS_ONLY_USER + " all scram-sha-256",
                        "host all " + TLS_ONLY_USER + " all reject",
                        "host all all all trust",
                        ""));
        builder.setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", certificates.certificate().toString())
                .setServerConfig("ssl_key_file", certificates.privateKey().toString())
                .setServerConfig("hba_file", hbaFile.toString());
    }

    private static void createDatabase(EmbeddedPostgres postgres, boolean withTlsOnlyUser) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE);
            if (withTlsOnlyUser) {
                // whichever test runs first migrates the schema; what this user is about is how it connects
                s.execute("CREATE USER " + TLS_ONLY_USER + " SUPERUSER PASSWORD '" + TLS_ONLY_PASSWORD + "'");
            }
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

    /** The broker's TLS and SCRAM listener and what its clients trust; null unless started for tests. */
    public SecureListener kafkaSecureListener() {
        return kafkaSecureListener;
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
