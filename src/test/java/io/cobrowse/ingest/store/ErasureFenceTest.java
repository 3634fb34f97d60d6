package io.cobrowse.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.domain.OutboxEvent;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An erasure is acknowledged only once no relay round still has the visitor's rows in flight: what such a
 * round read before the erasure could otherwise leave after the acknowledgement.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class ErasureFenceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anErasureWaitsForARelayRoundThatHoldsTheVisitorsRows() throws Exception {
        String visitor = "ef" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<Response> erasure;
        try (Connection round = dataSource.getConnection()) {
            // what a relay round holds while it sends this visitor's rows
            fence(round, "pg_advisory_lock_shared", visitor);
            erasure = CompletableFuture.supplyAsync(() -> Webhooks.send(
                    Webhooks.newId(),
                    Webhooks.envelope(
                            "visitor.deleted", "2026-11-24T15:00:00Z", "{\"short_id\":\"" + visitor + "\"}")));
            Thread.sleep(2000);
            assertThat(erasure).isNotDone();
            fence(round, "pg_advisory_unlock_shared", visitor);
        }
        assertThat(erasure.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
    }

    private static void fence(Connection c, String function, String visitor) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(?, hashtext(?))")) {
            ps.setInt(1, OutboxEvent.ERASURE_FENCE);
            ps.setString(2, visitor);
            ps.executeQuery().close();
        }
    }
}
