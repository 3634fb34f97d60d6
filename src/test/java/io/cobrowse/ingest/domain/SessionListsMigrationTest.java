package io.cobrowse.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.event.NormalizedSession;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.SchemaMigrations;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A database written by the first schema keeps its sessions' notes, feedback and connections when the
 * second moves them into the session's row, in their order, in the form the service reads.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class SessionListsMigrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void listsStoredAsRowsMoveIntoTheSessionInOrderAndReadBackAsTheServiceWritesThem() throws Exception {
        // a schema of its own, migrated step by step next to the service's
        String schema = "migration_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            try {
                SchemaMigrations.of(dataSource, schema).target("1").load().migrate();
                st.execute("INSERT INTO " + schema + ".session (id, visitor_id) VALUES ('s1', 'v1'), ('s2', 'v2')");
                st.execute("INSERT INTO " + schema + """
                        .session_agent_note (session_id, ordinal, text, by_agent_id)
                        VALUES ('s1', 1, 'second', 'u_2'), ('s1', 0, 'first', 'u_1')""");
                st.execute("INSERT INTO " + schema + """
                        .session_quality_feedback (session_id, ordinal, rating, feedback, by_agent_id)
                        VALUES ('s1', 0, 4.5, 'clear audio', 'u_1')""");
                st.execute("INSERT INTO " + schema + """
                        .session_connection (session_id, ordinal, unique_connection_id, current_url,
                            active_since, status, expected_disconnect, has_focus, last_focus_at, screen_width)
                        VALUES ('s1', 1, 'c2', 'https://shop.example.com/b', '2026-11-24T09:10:00.123+01:00',
                                'active', '{"message": "back soon", "return_time_seconds": 30}', true, NULL, 1280),
                               ('s1', 0, 'c1', NULL, NULL, 'idle', NULL, false, '2026-11-24T08:00:00Z', NULL)""");

                SchemaMigrations.of(dataSource, schema).load().migrate();

                try (ResultSet rs =
                        st.executeQuery("SELECT agent_notes::text, quality_feedback::text, connections::text" + " FROM "
                                + schema + ".session ORDER BY id")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(new JsonListConverter.AgentNotes().convertToEntityAttribute(rs.getString(1)))
                            .containsExactly(new AgentNote("first", "u_1"), new AgentNote("second", "u_2"));
                    assertThat(new JsonListConverter.QualityFeedbacks().convertToEntityAttribute(rs.getString(2)))
                            .containsExactly(new QualityFeedback(new BigDecimal("4.5"), "clear audio", "u_1"));
                    List<NormalizedSession.Connection> connections =
                            new JsonListConverter.Connections().convertToEntityAttribute(rs.getString(3));
                    assertThat(connections)
                            .extracting(NormalizedSession.Connection::uniqueConnectionId)
                            .containsExactly("c1", "c2");
                    assertThat(connections.get(0).lastFocusAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
                    assertThat(connections.get(0).currentUrl()).isNull();
                    assertThat(connections.get(0).expectedDisconnect()).isNull();
                    assertThat(connections.get(1).activeSince()).isEqualTo(Instant.parse("2026-11-24T08:10:00.123Z"));
                    assertThat(connections.get(1).currentUrl()).isEqualTo("https://shop.example.com/b");
                    assertThat(connections.get(1).expectedDisconnect().message())
                            .isEqualTo("back soon");
                    assertThat(connections.get(1).hasFocus()).isTrue();
                    assertThat(connections.get(1).screenWidth()).isEqualTo(1280);
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("[]");
                    assertThat(rs.getString(2)).isEqualTo("[]");
                    assertThat(rs.getString(3)).isEqualTo("[]");
                }
                try (ResultSet rs =
                        st.executeQuery("SELECT to_regclass('" + schema + ".session_connection') IS NULL")) {
                    rs.next();
                    assertThat(rs.getBoolean(1))
                            .as("the connection table is gone")
                            .isTrue();
                }
            } finally {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
