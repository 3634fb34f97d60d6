package io.cobrowse.ingest.faults;

import io.cobrowse.ingest.infra.Directories;
import io.cobrowse.ingest.infra.FreePorts;
import io.cobrowse.ingest.infra.LocalInfra;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL on a fixed port whose data directory outlives a stop, so that a scenario can stop
 * it (a fast shutdown: sessions are ended, committed work stays) and start it again as an operator
 * would.
 */
final class RestartablePostgres implements AutoCloseable {

    private final Path workDir;
    private final int port;
    private EmbeddedPostgres server;

    private RestartablePostgres(Path workDir, int port) {
        this.workDir = workDir;
        this.port = port;
    }

    static RestartablePostgres start(Path workDir) throws IOException {
        Path data = workDir.resolve("data");
        // a fresh cluster per run: a directory left by an earlier run would be reused as it is
        Directories.deleteRecursively(data);
        RestartablePostgres pg = new RestartablePostgres(workDir, FreePorts.next());
        pg.startAgain();
        pg.createDatabase();
        return pg;
    }

    /** Starts the server on the data it had; initialises the directory the first time. */
    synchronized void startAgain() throws IOException {
        if (server != null) {
            throw new IllegalStateException("PostgreSQL is running");
        }
        Files.createDirectories(workDir);
        server = LocalInfra.postgresBuilder(workDir.resolve("bin"), workDir.resolve("postgres.log"))
                .setDataDirectory(workDir.resolve("data"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    /** A fast shutdown (pg_ctl stop -m fast): open sessions end, their transactions roll back. */
    synchronized void stop() throws IOException {
        if (server != null) {
            try {
                server.close();
            } finally {
                server = null;
            }
        }
    }

    int port() {
        return port;
    }

    /** The suite's own connection, never through a proxy. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + LocalInfra.DATABASE;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), LocalInfra.USER, LocalInfra.PASSWORD);
    }

    private void createDatabase() throws IOException {
        try (Connection c = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + port + "/postgres", LocalInfra.USER, "");
                Statement s = c.createStatement()) {
            s.execute("ALTER USER " + LocalInfra.USER + " PASSWORD '" + LocalInfra.PASSWORD + "'");
            s.execute("CREATE DATABASE " + LocalInfra.DATABASE);
        } catch (SQLException e) {
            throw new IOException("cannot create the database", e);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
