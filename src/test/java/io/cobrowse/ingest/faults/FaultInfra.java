package io.cobrowse.ingest.faults;

import io.cobrowse.ingest.infra.FreePorts;
import io.cobrowse.ingest.infra.LocalKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The suite's real PostgreSQL and Kafka, started once for all scenarios; a scenario may restart either.
 * Both stop when the suite ends, also when its JVM is stopped early.
 */
final class FaultInfra implements AutoCloseable {

    static final Path WORK = Path.of("target", "faults").toAbsolutePath();

    private final RestartablePostgres postgres;
    private final LocalKafka kafka;
    /** Names this run's topics and visitors apart from any earlier run's. */
    private final String runId = UUID.randomUUID().toString().substring(0, 6);

    private FaultInfra(RestartablePostgres postgres, LocalKafka kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    static FaultInfra start() throws IOException, InterruptedException {
        Files.createDirectories(WORK);
        RestartablePostgres postgres = RestartablePostgres.start(WORK.resolve("postgres"));
        LocalKafka kafka;
        try {
            // for sustained load: the broker's JVM gets its full JIT compiler
            kafka = LocalKafka.start(WORK.resolve("kafka"), FreePorts.next(), 0, false);
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        FaultInfra infra = new FaultInfra(postgres, kafka);
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "faults-infra-stop"));
        return infra;
    }

    RestartablePostgres postgres() {
        return postgres;
    }

    LocalKafka kafka() {
        return kafka;
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    String runId() {
        return runId;
    }

    /** Which of these webhook-ids have their inbox row. */
    Set<String> stored(Collection<String> webhookIds) throws SQLException {
        Set<String> stored = new HashSet<>();
        try (Connection c = postgres.connect();
                PreparedStatement ps =
                        c.prepareStatement("SELECT webhook_id FROM inbox_event WHERE webhook_id = ANY(?)")) {
            Array ids = c.createArrayOf("text", webhookIds.toArray());
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!stored.add(rs.getString(1))) {
                        throw new IllegalStateException("two inbox rows for one webhook-id");
                    }
                }
            }
        }
        return stored;
    }

    /** Outbox rows no relay has published yet. */
    long unpublishedRows() throws SQLException {
        try (Connection c = postgres.connect();
                PreparedStatement ps =
                        c.prepareStatement("SELECT count(*) FROM outbox_event WHERE published_at IS NULL");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public synchronized void close() {
        kafka.close();
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("could not stop PostgreSQL: " + e);
        }
    }
}
