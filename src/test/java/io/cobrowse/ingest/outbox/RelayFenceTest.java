package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.domain.OutboxEvent;
import io.cobrowse.ingest.infra.InfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The relay's side of the erasure fence, on its own connection: rows fenced while an erasure is under way come
 * back as the erasure left them, and marking a round published lets the fence go.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class RelayFenceTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void aRowFencedDuringAnErasureComesBackStrippedAndTheMarkReleasesTheFence() throws Exception {
        String visitor = "fence" + UUID.randomUUID().toString().substring(0, 8);
        RelaySwitch.pause(relay);
        try (Connection erasure = dataSource.getConnection();
                RelayConnection relayConnection = RelayConnection.open(url, user, password)) {
            long id = insertRow(erasure, visitor, "{\"email\":\"someone@example.com\"}");
            OutboxRow fetched = new OutboxRow(
                    id,
                    "w",
                    "cobrowse.visitors.v1",
                    visitor,
                    "cobrowse.visitor.updated",
                    visitor,
                    Instant.now(),
                    "{\"email\":\"someone@example.com\"}",
                    Instant.now(),
                    visitor);
            // an erasure holds the fence while it strips the visitor's unpublished rows, until it commits
            erasure.setAutoCommit(false);
            try (PreparedStatement ps = erasure.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                ps.setInt(1, OutboxEvent.ERASURE_FENCE);
                ps.setString(2, visitor);
                ps.executeQuery().close();
            }
            try (PreparedStatement ps =
                    erasure.prepareStatement("UPDATE outbox_event SET payload = '{}' WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            CompletableFuture<List<OutboxRow>> fenced = CompletableFuture.supplyAsync(() -> {
                try {
                    return relayConnection.fence(List.of(fetched));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1000);
            assertThat(fenced).as("the fence waits for the erasure").isNotDone();
            erasure.commit();

            List<OutboxRow> rows = fenced.get(10, TimeUnit.SECONDS);
            assertThat(rows).extracting(OutboxRow::payload).containsExactly("{}");

            relayConnection.markPublishedAndReleaseFence(rows, rows);
            assertThat(publishedAt(erasure, id)).as("published_at").isNotNull();
            try (PreparedStatement ps = erasure.prepareStatement("SELECT pg_try_advisory_xact_lock(?, hashtext(?))")) {
                ps.setInt(1, OutboxEvent.ERASURE_FENCE);
                ps.setString(2, visitor);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getBoolean(1))
                            .as("the next erasure gets the fence")
                            .isTrue();
                }
            }
            erasure.rollback();
            erasure.setAutoCommit(true);
            try (Statement st = erasure.createStatement()) {
                st.execute("DELETE FROM outbox_event WHERE visitor_key = '" + visitor + "'");
            }
        } finally {
            RelaySwitch.resume(relay);
        }
    }

    private static long insertRow(Connection c, String visitor, String payload) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO outbox_event (webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload,
                                          visitor_key)
                VALUES ('w', 'cobrowse.visitors.v1', ?, 'cobrowse.visitor.updated', ?, now(), ?, ?) RETURNING id""")) {
            ps.setString(1, visitor);
            ps.setString(2, visitor);
            ps.setString(3, payload);
            ps.setString(4, visitor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Instant publishedAt(Connection c, long id) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT published_at FROM outbox_event WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant();
            }
        }
    }
}
