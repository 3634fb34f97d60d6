package io.cobrowse.ingest.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.outbox.OutboxRelay;
import io.cobrowse.ingest.outbox.RelaySwitch;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.OperatorApi;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Retention against the real database, with the default periods (7 days for raw bodies and published records, 30
 * for webhook rows): rows are aged by moving their times back, then the job runs as the scheduler runs it.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class RetentionTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    RetentionJob job;

    @Inject
    OutboxRelay relay;

    @Test
    void aRawBodyPastItsRetentionIsGoneFromEveryTableAndARedeliveryStillAnswersDuplicate() throws Exception {
        Db db = new Db(dataSource);
        String marker = "kept-nowhere-" + UUID.randomUUID();
        String unhandled = Webhooks.newId();
        String body = Webhooks.envelope("custom.probe", "2026-11-24T10:00:00Z", "{\"note\":\"" + marker + "\"}");
        Webhooks.send(unhandled, body).then().statusCode(202);
        String applied = Webhooks.newId();
        Webhooks.send(applied, visitorAt(newVisitor(), "2026-11-24T10:00:00Z"))
                .then()
                .statusCode(202);
        String recent = Webhooks.newId();
        Webhooks.send(recent, visitorAt(newVisitor(), "2026-11-24T10:00:00Z"))
                .then()
                .statusCode(202);
        String kept = "SELECT webhook_id, event_type, status, encode(body_sha256, 'hex'), event_timestamp, received_at"
                + " FROM inbox_event WHERE webhook_id IN (?, ?) ORDER BY webhook_id";
        age(
                db,
                "UPDATE inbox_event SET received_at = now() - interval '8 days' WHERE webhook_id IN (?, ?)",
                unhandled,
                applied);
        List<List<Object>> before = db.rows(kept, unhandled, applied);

        retain();

        assertThat(db.count(
                        "SELECT count(*) FROM inbox_event WHERE webhook_id IN (?, ?) AND raw_body IS NULL",
                        unhandled,
                        applied))
                .isEqualTo(2);
        assertThat(db.rows(kept, unhandled, applied))
                .as("id, type, status, digest and times stay")
                .isEqualTo(before);
        assertThat(db.one("SELECT status FROM inbox_event WHERE webhook_id = ?", unhandled))
                .isEqualTo("unhandled");
        assertThat(db.occurrences(marker)).as("tables holding the dropped body").isEmpty();
        assertThat(db.count("SELECT count(*) FROM inbox_event WHERE webhook_id = ? AND raw_body IS NOT NULL", recent))
                .as("a body within its retention stays")
                .isEqualTo(1);

        Webhooks.send(unhandled, body).then().statusCode(200).body("status", equalTo("duplicate"));
        Webhooks.send(unhandled, body + " ").then().statusCode(409);
    }

    @Test
    void aWebhookRowPastTheDedupeWindowIsGoneAndARedeliveryIsThenNew() throws Exception {
        Db db = new Db(dataSource);
        String visitor = newVisitor();
        String id = Webhooks.newId();
        String body = visitorAt(visitor, "2026-11-24T10:00:00Z");
        Webhooks.send(id, body).then().statusCode(202);
        awaitPublication(id, "published");
        String recent = Webhooks.newId();
        Webhooks.send(recent, visitorAt(newVisitor(), "2026-11-24T10:00:00Z"))
                .then()
                .statusCode(202);
        age(db, "UPDATE inbox_event SET received_at = now() - interval '31 days' WHERE webhook_id = ?", id);

        retain();

        assertThat(db.count("SELECT count(*) FROM inbox_event WHERE webhook_id = ?", id))
                .isZero();
        assertThat(db.count("SELECT count(*) FROM inbox_event WHERE webhook_id = ?", recent))
                .isEqualTo(1);
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/webhooks/" + id)
                .then()
                .statusCode(404);
        // outside the dedupe window a redelivery is a new webhook; the visitor's state has it already, so it is
        // stored as stale and publishes nothing again
        Webhooks.send(id, body).then().statusCode(202).body("status", equalTo("accepted"));
        assertThat(db.one("SELECT status FROM inbox_event WHERE webhook_id = ?", id))
                .isEqualTo("stale");
        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE webhook_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void aPublishedRecordPastItsRetentionIsGoneAndTheWebhookStillReadsPublished() throws Exception {
        Db db = new Db(dataSource);
        String id = publishedEightDaysAgo(db);
        Object publishedAt = db.one("SELECT max(published_at) FROM outbox_event WHERE webhook_id = ?", id);
        // a replayed copy of a record, published as long ago, for a webhook whose own record is long gone
        String replayed = Webhooks.newId();
        db.rows("""
                INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256, status,
                                         visitor_key)
                VALUES (?, 'visitor.updated', now(), now(), sha256('x'::bytea), 'applied', 'replayed') RETURNING 1""", replayed);
        db.rows("""
                INSERT INTO outbox_event (webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload,
                                          visitor_key, created_at, published_at, replay_id)
                VALUES (?, 'cobrowse.visitors.v1', 'replayed', 'cobrowse.visitor.updated', 'replayed', now(), '{}',
                        'replayed', now() - interval '9 days', now() - interval '8 days', ?) RETURNING 1""", replayed, UUID.randomUUID());

        retain();

        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE webhook_id IN (?, ?)", id, replayed))
                .isZero();
        assertThat(db.one("SELECT records_published_at FROM inbox_event WHERE webhook_id = ?", id))
                .isEqualTo(publishedAt);
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/webhooks/" + id)
                .then()
                .statusCode(200)
                .body("publication", equalTo("published"));
        assertThat(db.one("SELECT records_published_at FROM inbox_event WHERE webhook_id = ?", replayed))
                .as("a replayed copy says nothing of the webhook's own publication")
                .isNull();
    }

    @Test
    void aWebhookRowChangedWhileItsRecordIsRemovedStillReadsPublished() throws Exception {
        Db db = new Db(dataSource);
        String id = publishedEightDaysAgo(db);
        age(db, "UPDATE inbox_event SET received_at = received_at - interval '8 days' WHERE webhook_id = ?", id);
        db.rows("DELETE FROM retention_progress RETURNING 1");
        // another transaction writes a new version of the webhook's row (as an erasure does) and commits while
        // retention waits for it: the row retention then updates is that new version, wherever it lies. The job
        // waits at most 100 ms for a row lock, and a scheduled run may take a turn, so the meeting is tried again
        // until it took place.
        boolean met = false;
        for (int attempt = 0; attempt < 5 && !met; attempt++) {
            if (db.count("SELECT count(*) FROM outbox_event WHERE webhook_id = ?", id) == 0) {
                break;
            }
            try (Connection holder = dataSource.getConnection()) {
                holder.setAutoCommit(false);
                try (PreparedStatement update =
                        holder.prepareStatement("UPDATE inbox_event SET erased_at = erased_at WHERE webhook_id = ?")) {
                    update.setString(1, id);
                    assertThat(update.executeUpdate()).isEqualTo(1);
                }
                CompletableFuture<RetentionRun> run = CompletableFuture.supplyAsync(() -> job.run());
                boolean waiting = false;
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (!waiting && !run.isDone() && System.nanoTime() < deadline) {
                    waiting = db.count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                    + " AND query LIKE '%remembered AS%'")
                            > 0;
                    if (!waiting) {
                        // well within the job's 100 ms lock wait, without a query after query meanwhile
                        Thread.sleep(5);
                    }
                }
                holder.commit();
                try {
                    run.get(30, TimeUnit.SECONDS);
                    // the run that waited may be a scheduled one, which this run then left the row to
                    met = waiting;
                } catch (ExecutionException e) {
                    // the job's lock wait was cut short before the commit: its batch rolled back
                }
            }
        }
        Assumptions.assumeTrue(met, "retention met the changed row while it waited for it");

        retain();

        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE webhook_id = ?", id))
                .isZero();
        assertThat(db.count(
                        "SELECT count(*) FROM inbox_event WHERE webhook_id = ? AND raw_body IS NULL"
                                + " AND records_published_at IS NOT NULL",
                        id))
                .isEqualTo(1);
        OperatorApi.as(OperatorApi.READ_ONLY)
                .get("/api/v1/webhooks/" + id)
                .then()
                .statusCode(200)
                .body("publication", equalTo("published"));
    }

    @Test
    void unpublishedRecordsAndTheirWebhooksStayWhateverTheirAge() throws Exception {
        Db db = new Db(dataSource);
        String id = Webhooks.newId();
        RelaySwitch.pause(relay);
        try {
            Webhooks.send(id, visitorAt(newVisitor(), "2026-11-24T10:00:00Z"))
                    .then()
                    .statusCode(202);
            age(db, "UPDATE inbox_event SET received_at = now() - interval '40 days' WHERE webhook_id = ?", id);
            age(db, "UPDATE outbox_event SET created_at = now() - interval '40 days' WHERE webhook_id = ?", id);

            retain();

            assertThat(db.count("SELECT count(*) FROM outbox_event WHERE webhook_id = ? AND published_at IS NULL", id))
                    .isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM inbox_event WHERE webhook_id = ?", id))
                    .as("the webhook row, which holds the publication state")
                    .isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM inbox_event WHERE webhook_id = ? AND raw_body IS NULL", id))
                    .as("the raw body goes all the same")
                    .isEqualTo(1);
            awaitPublication(id, "pending");
        } finally {
            RelaySwitch.resume(relay);
        }
        awaitPublication(id, "published");
        retain();
        assertThat(db.count("SELECT count(*) FROM inbox_event WHERE webhook_id = ?", id))
                .as("once its records are out, the row goes")
                .isZero();
    }

    @Test
    void aBacklogLargerThanABatchIsRemovedInOneRun() throws Exception {
        Db db = new Db(dataSource);
        String prefix = "backlog_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        int rows = RetentionJob.BATCH * 5 / 2;
        db.rows("""
                INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256, raw_body,
                                         status, visitor_key)
                SELECT ? || n, 'custom.probe', now(), now() - interval '8 days', sha256(n::text::bytea), n::text::bytea,
                       'unhandled', NULL
                FROM generate_series(1, ?) n RETURNING 1""", prefix, rows);
        // as many without records, whose bodies the raw-body pass drops on its own, batch after batch
        String alone = prefix + "alone_";
        db.rows("""
                INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256, raw_body,
                                         status, visitor_key)
                SELECT ? || n, 'custom.probe', now(), now() - interval '8 days' + n * interval '1 ms',
                       sha256(n::text::bytea), n::text::bytea, 'unhandled', NULL
                FROM generate_series(1, ?) n RETURNING 1""", alone, rows);
        db.rows("""
                INSERT INTO outbox_event (webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload,
                                          visitor_key, created_at, published_at)
                SELECT ? || n, 'cobrowse.visitors.v1', 'backlog', 'cobrowse.visitor.updated', 'backlog', now(), '{}',
                       'backlog', now() - interval '9 days', now() - interval '8 days'
                FROM generate_series(1, ?) n RETURNING 1""", prefix, rows);

        RetentionRun run = retain();

        assertThat(db.count(
                        "SELECT count(*) FROM inbox_event WHERE webhook_id LIKE ? AND raw_body IS NOT NULL",
                        prefix + "%"))
                .isZero();
        assertThat(db.count("SELECT count(*) FROM inbox_event WHERE webhook_id LIKE ?", alone + "%"))
                .isEqualTo(rows);
        assertThat(db.count("SELECT count(*) FROM outbox_event WHERE webhook_id LIKE ?", prefix + "%"))
                .isZero();
        assertThat(db.count(
                        "SELECT count(*) FROM inbox_event WHERE webhook_id LIKE ? AND webhook_id NOT LIKE ?"
                                + " AND records_published_at IS NOT NULL",
                        prefix + "%",
                        alone + "%"))
                .isEqualTo(rows);
        assertThat(run.finished()).isTrue();
    }

    @Test
    void underALoadThatSpendsEachRunsBudgetWebhookRowsStillGo() throws Exception {
        Db db = new Db(dataSource);
        String prefix = "turns_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        int runs = 4;
        int rows = RetentionJob.BATCH * 2;
        // more records than the runs can take a batch at a time: were records always first, they would be all
        db.rows("""
                INSERT INTO outbox_event (webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload,
                                          visitor_key, created_at, published_at)
                SELECT ? || n, 'cobrowse.visitors.v1', 'turns', 'cobrowse.visitor.updated', 'turns', now(), '{}',
                       'turns', now() - interval '9 days', now() - interval '8 days'
                FROM generate_series(1, ?) n RETURNING 1""", prefix + "record_", RetentionJob.BATCH * (runs + 2));
        db.rows("""
                INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256, status)
                SELECT ? || n, 'custom.probe', now(), now() - interval '31 days', sha256(n::text::bytea), 'unhandled'
                FROM generate_series(1, ?) n RETURNING 1""", prefix + "row_", rows);

        // a budget spent by the first batch: each run does one, as a run does under load once its budget is gone;
        // a few runs, as a scheduled run in between may take a turn
        Map<Retained, Long> removed = new EnumMap<>(Retained.class);
        for (int done = 0; done < runs; ) {
            RetentionRun run = job.run(Duration.ZERO);
            if (run.alone()) {
                run.rows().forEach((kind, n) -> removed.merge(kind, n, Long::sum));
                done++;
            } else {
                Thread.sleep(200);
            }
        }

        assertThat(removed.getOrDefault(Retained.PUBLISHED, 0L)).as("records").isPositive();
        assertThat(removed.getOrDefault(Retained.WEBHOOKS, 0L))
                .as("webhook rows")
                .isPositive();
        retain();
    }

    /**
     * Runs the job until a run of its own has found nothing more to remove (a scheduled run may be at work). The
     * tests age rows by moving their times back, behind where earlier raw-body passes ended, which real time never
     * does: that mark goes back with them.
     */
    private RetentionRun retain() throws InterruptedException {
        new Db(dataSource).rows("DELETE FROM retention_progress RETURNING 1");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            RetentionRun run = job.run();
            if (run.alone() && run.finished()) {
                return run;
            }
            assertThat(System.nanoTime() < deadline)
                    .as("a retention run that finishes")
                    .isTrue();
            Thread.sleep(200);
        }
    }

    /** A webhook whose record was published, then aged: published eight days ago. */
    private static String publishedEightDaysAgo(Db db) throws InterruptedException {
        String id = Webhooks.newId();
        Webhooks.send(id, visitorAt(newVisitor(), "2026-11-24T10:00:00Z"))
                .then()
                .statusCode(202);
        awaitPublication(id, "published");
        age(db, "UPDATE outbox_event SET published_at = published_at - interval '8 days' WHERE webhook_id = ?", id);
        return id;
    }

    private static void age(Db db, String update, Object... params) {
        assertThat(db.rows(update + " RETURNING 1", params)).as("rows aged").isNotEmpty();
    }

    private static void awaitPublication(String id, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String publication;
        do {
            publication = OperatorApi.as(OperatorApi.READ_ONLY)
                    .get("/api/v1/webhooks/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("publication");
            if (!publication.equals(expected)) {
                Thread.sleep(100);
            }
        } while (!publication.equals(expected) && System.nanoTime() < deadline);
        assertThat(publication).isEqualTo(expected);
    }

    private static String newVisitor() {
        return "rt" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String visitorAt(String visitor, String timestamp) {
        return Webhooks.envelope(
                "visitor.updated",
                timestamp,
                "{\"short_id\":\"" + visitor + "\",\"email\":\"" + visitor + "@example.com\",\"identities\":[]}");
    }
}
