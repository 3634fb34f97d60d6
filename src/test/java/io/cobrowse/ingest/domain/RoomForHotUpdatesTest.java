package io.cobrowse.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.SchemaMigrations;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Visitors and sessions are rewritten by every snapshot: their pages keep room for the new version of a row, so
 * that an update which leaves the indexed columns alone touches no index (a heap-only-tuple update). Without
 * that room, full pages force every such update onto another page and into every index. Retention drops raw
 * bodies from webhook rows in the same way.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class RoomForHotUpdatesTest {

    private static final int ROWS = 60;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void sessionUpdatesThatLeaveIndexedColumnsAloneStayOnTheirPageOnlyWithTheRoomLeft() throws Exception {
        String columns = "id, visitor_id, metadata";
        String values = "'s' || n, 'v' || n, jsonb_build_object('pad', repeat('x', 900))";
        assertThat(hotUpdates("2", "session", columns, values))
                .as("full pages before the room was left")
                .isZero();
        // about eight rows of 1 kB fill a page: at least one heap-only update per page
        assertThat(hotUpdates(null, "session", columns, values))
                .as("with the room left")
                .isGreaterThanOrEqualTo(ROWS / 8);
    }

    @Test
    void visitorUpdatesLikewise() throws Exception {
        String columns = "short_id, last_url, position_at, position_rank, position_id";
        String values = "'v' || n, 'https://shop.example.com/' || repeat('x', 900), now(), 0, 'msg_' || n";
        assertThat(hotUpdates("2", "visitor", columns, values)).isZero();
        assertThat(hotUpdates(null, "visitor", columns, values)).isGreaterThanOrEqualTo(ROWS / 8);
    }

    @Test
    void retentionDropsARawBodyWithoutMovingItsWebhookRow() throws Exception {
        String columns = "webhook_id, event_type, event_timestamp, body_sha256, raw_body, status, visitor_key";
        String values = "'msg_' || n, 'visitor.updated', now(), sha256(n::text::bytea),"
                + " convert_to(repeat('x', 900), 'UTF8'), 'applied', 'v' || n";
        String drop = "raw_body = NULL, records_published_at = now()";
        assertThat(hotUpdates("9", "inbox_event", columns, values, drop))
                .as("full pages and an index naming raw_body")
                .isZero();
        // the new versions are small: eight of them fit in the room of a page of eight rows
        assertThat(hotUpdates(null, "inbox_event", columns, values, drop)).isGreaterThanOrEqualTo(ROWS * 3 / 4);
    }

    private long hotUpdates(String version, String table, String columns, String values) throws SQLException {
        return hotUpdates(version, table, columns, values, "updated_at = now()");
    }

    /**
     * In a schema of its own migrated to the given version (null: the latest), fills pages with rows of about 1 kB,
     * then updates each row once as {@code set} says (no indexed column), in one transaction: returns how many of
     * those updates were heap-only.
     */
    private long hotUpdates(String version, String table, String columns, String values, String set)
            throws SQLException {
        String schema = "hot_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            try {
                var migrations = SchemaMigrations.of(dataSource, schema);
                (version == null ? migrations : migrations.target(version))
                        .load()
                        .migrate();
                st.execute("INSERT INTO " + schema + "." + table + " (" + columns + ") SELECT " + values
                        + " FROM generate_series(1, " + ROWS + ") AS n");
                c.setAutoCommit(false);
                try {
                    st.executeUpdate("UPDATE " + schema + "." + table + " SET " + set);
                    try (ResultSet rs = st.executeQuery(
                            "SELECT pg_stat_get_xact_tuples_hot_updated('" + schema + "." + table + "'::regclass)")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            } finally {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
