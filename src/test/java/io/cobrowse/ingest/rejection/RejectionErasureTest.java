package io.cobrowse.ingest.rejection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.Webhooks;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A refused request waits in memory for its write; a visitor erased meanwhile is erased from it too (contract
 * section 4: every copy counts).
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class RejectionErasureTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Test
    void aRefusalNamingAVisitorErasedBeforeItsWriteIsStoredWithoutBodyOrErrors() throws InterruptedException {
        Db db = new Db(dataSource);
        for (int attempt = 0; attempt < 5; attempt++) {
            String visitor = "rx" + UUID.randomUUID().toString().substring(0, 8);
            String email = "refused." + visitor + "@example.com";
            // right after a write, so that the next one is about a second away
            double flushes = awaitWrite();
            String refused = Webhooks.newId();
            Webhooks.send(
                            refused,
                            Webhooks.envelope(
                                    "visitor.updated",
                                    "2026-11-24T16:00:00Z",
                                    "{\"short_id\":\"" + visitor + "\",\"email\":\"" + email
                                            + "\",\"is_online\":\"no\"}"))
                    .then()
                    .statusCode(400);
            Webhooks.send(
                            Webhooks.newId(),
                            Webhooks.envelope(
                                    "visitor.deleted", "2026-11-24T15:00:00Z", "{\"short_id\":\"" + visitor + "\"}"))
                    .then()
                    .statusCode(202);
            if (flushes() != flushes) {
                continue; // a write came between the two: the refusal was not waiting across the erasure
            }
            assertThat(db.awaitCount(1, "SELECT count(*) FROM rejected_request WHERE webhook_id = ?", refused))
                    .isEqualTo(1);
            List<Object> row = db.rows(
                            "SELECT raw_body IS NULL, errors IS NULL, body_sha256 IS NOT NULL, visitor_key, status "
                                    + "FROM rejected_request WHERE webhook_id = ?",
                            refused)
                    .get(0);
            assertThat(row).containsExactly(true, true, true, visitor, 400);
            assertThat(db.occurrences(email)).isEmpty();
            return;
        }
        fail("no attempt fitted between two writes of the buffered refusals");
    }

    /** Sends a refusal and waits for the write that takes it; returns the writes counted then. */
    private double awaitWrite() throws InterruptedException {
        double before = flushes();
        Webhooks.send(Webhooks.newId(), "not json").then().statusCode(400);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (flushes() == before && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return flushes();
    }

    private double flushes() {
        return registry.get("cobrowse.rejections.flushes").counter().count();
    }
}
