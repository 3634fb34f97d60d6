package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.infra.LocalInfra;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The relay's fetch reads the outbox once, however stale the planner's statistics: taken when nothing waited (an
 * analyze at a quiet moment), they make the unpublished rows look like one, and a per-row probe for parked rows
 * then walked them all again for every row fetched.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class RelayFetchPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Test
    void aFetchScansTheOutboxOnceEvenWithStatisticsFromAQuietMoment() throws Exception {
        String prefix = "plan_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        RelaySwitch.pause(relay);
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            try {
                st.execute("ANALYZE outbox_event");
                st.execute("""
                        INSERT INTO outbox_event (webhook_id, topic, message_key, ce_type, ce_subject, ce_time,
                                                  payload, visitor_key)
                        SELECT '%1$s' || n, 'cobrowse.visitors.v1', '%1$s' || n %% 50, 'cobrowse.visitor.updated',
                               '%1$s' || n %% 50, now(), '{}', '%1$s' || n %% 50
                        FROM generate_series(1, 300) n""".formatted(prefix));

                List<String> repeated = repeatedOutboxScans(c);

                assertThat(repeated)
                        .as("outbox scans run more than once in one fetch")
                        .isEmpty();
            } finally {
                st.execute("DELETE FROM outbox_event WHERE webhook_id LIKE '" + prefix + "%'");
            }
        } finally {
            RelaySwitch.resume(relay);
        }
    }

    /**
     * Statistics taken when few rows waited make a backlog look small, and then reading all of it and sorting it
     * looks as cheap as reading the oldest in order: in a benchmark the relay read and sorted 105,000 rows (64 MB on
     * disk) to publish 2,000 and published half as fast. Here index reads are made to look dear instead; whatever
     * the costs say, the relay's own session reads the backlog in id order and sorts nothing.
     */
    @Test
    void theRelaysFetchNeverSortsTheBacklog() throws Exception {
        LocalInfra infra = InfraResource.infra();
        Assumptions.assumeTrue(infra != null, "needs the test run's own database");
        try (RelayConnection relayConnection =
                        RelayConnection.open(infra.directJdbcUrl(), LocalInfra.USER, LocalInfra.PASSWORD);
                Statement st = relayConnection.connection().createStatement()) {
            relayConnection.listen();
            st.execute("SET random_page_cost = 1000");
            try (PreparedStatement ps =
                    relayConnection.connection().prepareStatement("EXPLAIN (FORMAT JSON) " + RelayConnection.FETCH)) {
                ps.setArray(1, relayConnection.connection().createArrayOf("int4", new Integer[] {0, 1, 2, 3}));
                ps.setInt(2, 2000);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    List<String> nodes = new ArrayList<>();
                    nodeTypes(JSON.readTree(rs.getString(1)).get(0).get("Plan"), nodes);
                    assertThat(nodes).doesNotContain("Sort", "Incremental Sort");
                }
            }
        }
    }

    private static void nodeTypes(JsonNode node, List<String> into) {
        into.add(node.path("Node Type").asText());
        for (JsonNode child : node.path("Plans")) {
            nodeTypes(child, into);
        }
    }

    /** The plan nodes of one fetch that read outbox_event more than once, as "index (loops)". */
    private static List<String> repeatedOutboxScans(Connection c) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + RelayConnection.FETCH)) {
            // every partition, as a single relay leads them
            Integer[] all = IntStream.range(0, OutboxRelay.PARTITIONS).boxed().toArray(Integer[]::new);
            ps.setArray(1, c.createArrayOf("int4", all));
            ps.setInt(2, 500);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                List<String> repeated = new ArrayList<>();
                collect(JSON.readTree(rs.getString(1)).get(0).get("Plan"), repeated);
                return repeated;
            }
        }
    }

    private static void collect(JsonNode node, List<String> repeated) {
        if ("outbox_event".equals(node.path("Relation Name").asText())
                && node.path("Actual Loops").asLong() > 1) {
            repeated.add(node.path("Index Name").asText("seq scan") + " (" + node.path("Actual Loops") + ")");
        }
        for (JsonNode child : node.path("Plans")) {
            collect(child, repeated);
        }
    }
}
