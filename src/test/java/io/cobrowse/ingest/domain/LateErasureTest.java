package io.cobrowse.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * An erasure is never stale (contract section 4): whatever order it arrives in, and on equal timestamps
 * whatever the webhook-ids, it erases what is stored and its tombstone is the visitor's last record.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class LateErasureTest {

    private static final String VISITORS = "cobrowse.visitors.v1";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void anErasureOlderThanTheLastUpdateStillErasesItAndPublishesTheTombstoneLast() {
        Db db = new Db(dataSource);
        String visitor = "le" + tag();
        String email = "late." + visitor + "@example.com";
        String update = Webhooks.newId();
        Webhooks.send(update, visitorUpdated(visitor, "2026-11-24T15:01:00Z", email))
                .then()
                .statusCode(202);
        String erasure = Webhooks.newId();

        Webhooks.send(erasure, visitorDeleted(visitor, "2026-11-24T15:00:00Z"))
                .then()
                .statusCode(202);

        assertThat(db.one("SELECT status FROM inbox_event WHERE webhook_id = ?", erasure))
                .isEqualTo("applied");
        assertThat(db.occurrences(email)).isEmpty();
        assertEndsWithTombstone(visitor, List.of(update, erasure));
        // erased through the update it erased: an event at that time arriving now stays erased
        String again = Webhooks.newId();
        Webhooks.send(again, visitorUpdated(visitor, "2026-11-24T15:01:00Z", email))
                .then()
                .statusCode(202);
        assertThat(db.one("SELECT status FROM inbox_event WHERE webhook_id = ?", again))
                .isEqualTo("stale");
        assertThat(db.occurrences(email)).isEmpty();
    }

    @Test
    void onEqualTimestampsTheErasureCountsAsTheLaterEventWhateverTheIds() {
        Db db = new Db(dataSource);
        String visitor = "le" + tag();
        String email = "tie." + visitor + "@example.com";
        String erasure = "msg_a_" + visitor;
        String update = "msg_z_" + visitor;

        Webhooks.send(erasure, visitorDeleted(visitor, "2026-11-24T15:00:00Z"))
                .then()
                .statusCode(202);
        Webhooks.send(update, visitorUpdated(visitor, "2026-11-24T15:00:00Z", email))
                .then()
                .statusCode(202);

        assertThat(db.one("SELECT status FROM inbox_event WHERE webhook_id = ?", update))
                .isEqualTo("stale");
        assertThat(db.occurrences(email)).isEmpty();
        assertEndsWithTombstone(visitor, List.of(erasure));
    }

    @Test
    void onEqualTimestampsAnUpdateWithTheLargerIdArrivingFirstIsErased() {
        Db db = new Db(dataSource);
        String visitor = "le" + tag();
        String email = "tie." + visitor + "@example.com";
        String update = "msg_z_" + visitor;
        String erasure = "msg_a_" + visitor;
        Webhooks.send(update, visitorUpdated(visitor, "2026-11-24T15:00:00Z", email))
                .then()
                .statusCode(202);

        Webhooks.send(erasure, visitorDeleted(visitor, "2026-11-24T15:00:00Z"))
                .then()
                .statusCode(202);

        assertThat(db.occurrences(email)).isEmpty();
        assertEndsWithTombstone(visitor, List.of(update, erasure));
    }

    @Test
    void aRejectedRequestNamingAnErasedVisitorIsKeptWithoutItsBody() {
        Db db = new Db(dataSource);
        String visitor = "le" + tag();
        String email = "rejected." + visitor + "@example.com";
        // not JSON at all: the visitor is found in the text
        String before = Webhooks.newId();
        Webhooks.send(
                        before,
                        "{\"type\":\"visitor.updated\",\"data\":{\"short_id\":\"" + visitor + "\",\"email\":\"" + email
                                + "\"")
                .then()
                .statusCode(400);
        assertThat(db.awaitCount(1, "SELECT count(*) FROM rejected_request WHERE webhook_id = ?", before))
                .isEqualTo(1);
        assertThat(db.occurrences(email)).containsExactly("rejected_request");

        Webhooks.send(Webhooks.newId(), visitorDeleted(visitor, "2026-11-24T15:00:00Z"))
                .then()
                .statusCode(202);
        assertThat(db.occurrences(email)).isEmpty();

        String after = Webhooks.newId();
        Webhooks.send(
                        after,
                        Webhooks.envelope(
                                "visitor.updated",
                                "2026-11-24T16:00:00Z",
                                "{\"short_id\":\"" + visitor + "\",\"email\":\"" + email + "\",\"is_online\":\"no\"}"))
                .then()
                .statusCode(400);
        assertThat(db.awaitCount(1, "SELECT count(*) FROM rejected_request WHERE webhook_id = ?", after))
                .isEqualTo(1);
        assertThat(db.occurrences(email)).isEmpty();
    }

    /** The visitor's records, deduplicated on ce_id, are the given ones in order, and the last is a tombstone. */
    private static void assertEndsWithTombstone(String visitor, List<String> ids) {
        List<ConsumerRecord<String, String>> records = KafkaRecords.readKey(
                List.of(VISITORS),
                visitor,
                seen -> KafkaRecords.distinctIds(seen).containsAll(ids),
                Duration.ofSeconds(30));
        assertThat(KafkaRecords.distinctIds(records)).containsExactlyElementsOf(ids);
        assertThat(records.get(records.size() - 1).value()).isNull();
    }

    private static String visitorUpdated(String visitor, String at, String email) {
        return Webhooks.envelope(
                "visitor.updated", at, "{\"short_id\":\"" + visitor + "\",\"email\":\"" + email + "\"}");
    }

    private static String visitorDeleted(String visitor, String at) {
        return Webhooks.envelope("visitor.deleted", at, "{\"short_id\":\"" + visitor + "\"}");
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
