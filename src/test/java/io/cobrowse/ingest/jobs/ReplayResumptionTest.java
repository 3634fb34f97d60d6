package io.cobrowse.ingest.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.Jobs;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A replay goes on from what its last committed step left in the database, whichever replica stepped it: here
 * one that stopped after copying the first of a visitor's three records (the test profile copies three per
 * step at most, so the visitor was left partial).
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class ReplayResumptionTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReplayLeftPartialByAnotherReplicaIsFinishedFromItsProgress() throws InterruptedException {
        Db db = new Db(dataSource);
        String visitor = "rr" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (String at : List.of("2026-11-24T14:00:00Z", "2026-11-24T14:01:00Z", "2026-11-24T14:02:00Z")) {
            String id = Webhooks.newId();
            Webhooks.send(
                            id,
                            Webhooks.sample("visitor.updated")
                                    .replace("k7Qm2Xp9", visitor)
                                    .replaceFirst("\"timestamp\": \"[^\"]+\"", "\"timestamp\": \"" + at + "\""))
                    .then()
                    .statusCode(202);
            ids.add(id);
        }
        Jobs.awaitPublished(db, ids);
        String from = ((Timestamp)
                        db.one("SELECT min(received_at) FROM inbox_event WHERE webhook_id = ANY (?)", (Object)
                                ids.toArray(String[]::new)))
                .toInstant()
                .toString();
        long first = (Long) db.one("SELECT id FROM outbox_event WHERE webhook_id = ?", ids.get(0));
        UUID job = UUID.randomUUID();

        // one statement, so that no runner sees the job before its plan and its first copy
        db.rows("""
                WITH job AS (
                    INSERT INTO operator_job (id, kind, status, request, records_total, progress, created_at, updated_at)
                    VALUES (?::uuid, 'replay', 'running',
                            jsonb_build_object('from', ?::text, 'to', '2999-01-01T00:00:00Z', 'visitor_id', ?::text,
                                               'types', null),
                            1, jsonb_build_object('phase', 'copying', 'partial_key', ?::text, 'after_id', ?::bigint,
                                                  'touched', jsonb_build_array(jsonb_build_array('cobrowse.visitors.v1',
                                                                                                 ?::text))),
                            now(), now() - interval '1 hour')
                    RETURNING id),
                planned AS (
                    INSERT INTO replay_key (replay_id, lock_hash, visitor_key, records)
                    SELECT id, hashtextextended(?, 0), ?, 3 FROM job)
                INSERT INTO outbox_event (webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload,
                                          visitor_key, created_at, replay_id)
                SELECT o.webhook_id, o.topic, o.message_key, o.ce_type, o.ce_subject, o.ce_time, o.payload,
                       o.visitor_key, now(), job.id
                FROM outbox_event o CROSS JOIN job WHERE o.id = ?
                RETURNING 1""", job.toString(), from, visitor, visitor, first, visitor, visitor, visitor, first);

        JsonPath done = Jobs.awaitFinished("/api/v1/replays/" + job, Duration.ofSeconds(60));

        assertThat(done.getString("status")).isEqualTo("done");
        // the first copy, then the other two; the last copy is the latest record already
        assertThat(done.getLong("records_total")).isEqualTo(3);
        assertThat(done.getLong("records_published")).isEqualTo(3);
        assertThat(db.count("SELECT count(*) FROM replay_key WHERE replay_id = ?::uuid", job.toString()))
                .isZero();
        List<ConsumerRecord<String, String>> records = KafkaRecords.readKey(
                List.of("cobrowse.visitors.v1"), visitor, rs -> rs.size() >= 6, Duration.ofSeconds(30));
        assertThat(records.stream().map(r -> KafkaRecords.header(r, "ce_id")))
                .containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(0), ids.get(1), ids.get(2));
    }
}
