package io.cobrowse.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The erasure of a visitor with a long history is acknowledged after a bounded amount of work in its own
 * transaction; the older copies of their personal data follow in bounded steps, until none is left.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class BoundedErasureTest {

    private static final int EVENTS = 2500;
    private static final int PUBLISHED = 500;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aLongHistoryIsErasedInBoundedStepsAfterTheAcknowledgement() throws InterruptedException {
        Db db = new Db(dataSource);
        String visitor = "be" + UUID.randomUUID().toString().substring(0, 8);
        String email = "history." + visitor + "@example.com";
        db.rows("""
                INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256, raw_body,
                                         status, visitor_key)
                SELECT 'hist_' || ? || '_' || n, 'visitor.updated', timestamptz '2026-11-20T00:00:00Z' + n * interval '1 s',
                       now(), sha256(convert_to(n::text, 'UTF8')), convert_to('{"email":"' || ? || '"}', 'UTF8'),
                       'applied', ?
                FROM generate_series(1, ?) n RETURNING 1""", visitor, email, visitor, EVENTS);
        db.rows("""
                INSERT INTO outbox_event (webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload,
                                          visitor_key, created_at, published_at)
                SELECT 'hist_' || ? || '_' || n, 'cobrowse.sessions.v1', ?, 'cobrowse.session.updated', 'ses_' || ?,
                       timestamptz '2026-11-20T00:00:00Z' + n * interval '1 s',
                       '{"visitor_email":"' || ? || '","connections":[]}', ?, now(), now()
                FROM generate_series(1, ?) n RETURNING 1""", visitor, visitor, visitor, email, visitor, PUBLISHED);

        Webhooks.send(
                        Webhooks.newId(),
                        Webhooks.envelope(
                                "visitor.deleted", "2026-11-25T12:00:00Z", "{\"short_id\":\"" + visitor + "\"}"))
                .then()
                .statusCode(202);

        // the erasure's own transaction erased one step's worth, stamped with the erasure's time
        long inTransaction = db.count("""
                SELECT count(*) FROM inbox_event e JOIN visitor v ON v.short_id = e.visitor_key
                WHERE e.visitor_key = ? AND e.erased_at = v.erased_at""", visitor);
        assertThat(inTransaction).isPositive().isLessThanOrEqualTo(ErasureCleanup.INBOX_STEP + 1L);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!db.occurrences(email).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        assertThat(db.occurrences(email)).isEmpty();
        assertThat(db.count("SELECT count(*) FROM inbox_event WHERE visitor_key = ? AND raw_body IS NULL", visitor))
                .isEqualTo(EVENTS + 1L);
        assertThat(db.count("SELECT count(*) FROM erasure_cleanup WHERE visitor_key = ?", visitor))
                .isZero();
    }
}
