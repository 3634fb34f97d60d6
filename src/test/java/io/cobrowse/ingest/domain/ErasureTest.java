package io.cobrowse.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** visitor.deleted really erases: the whole database is searched for the visitor's email and IP. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class ErasureTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void erasureLeavesNoTraceOfTheEmailOrIpAddressAnywhere() {
        Db db = new Db(dataSource);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String visitor = "er" + tag;
        String email = "erase." + tag + "@example.com";
        String ip = "198.51.100." + (Math.abs(tag.hashCode()) % 200 + 20) + "0";
        String url = "https://shop.example.com/" + tag;
        List<String> types = List.of("visitor.updated", "session.started", "session.state", "session.ended");
        List<String> ids = new java.util.ArrayList<>();
        for (String type : types) {
            String id = Webhooks.newId();
            ids.add(id);
            Webhooks.send(id, personal(type, visitor, email, ip, url)).then().statusCode(202);
        }
        // a rejected request about the same visitor
        Webhooks.send(
                        Webhooks.newId(),
                        Webhooks.envelope(
                                "visitor.updated",
                                "2026-11-24T10:00:00Z",
                                "{\"short_id\":\"" + visitor + "\",\"email\":\"" + email + "\",\"is_online\":\"no\"}"))
                .then()
                .statusCode(400);
        assertThat(occurrences(db, email)).isNotEmpty();

        Webhooks.send(Webhooks.newId(), Webhooks.sample("visitor.deleted").replace("k7Qm2Xp9", visitor))
                .then()
                .statusCode(202);

        assertThat(occurrences(db, email)).isEmpty();
        assertThat(occurrences(db, ip)).isEmpty();
        assertThat(occurrences(db, url)).isEmpty();
        List<Object> kept = db.rows(
                        "SELECT short_id, api_key, sdk, added_at IS NOT NULL, erased_at IS NOT NULL, "
                                + "email, name, nickname, cardinality(identities), cardinality(tags) FROM visitor WHERE short_id = ?",
                        visitor)
                .get(0);
        assertThat(kept).containsExactly(visitor, "pk_live_3b1f", "web", true, true, null, null, null, 0, 0);
        assertThat(db.one("SELECT metadata::text FROM session WHERE visitor_id = ?", visitor))
                .isEqualTo("{\"ticket\": \"T-1001\", \"visitor_plan\": null}");
        // redeliveries of erased events are still recognised
        Webhooks.send(ids.get(0), personal(types.get(0), visitor, email, ip, url))
                .then()
                .statusCode(200);

        // an older event arriving later stays erased; a newer one is new data
        Webhooks.send(Webhooks.newId(), personal("session.updated", visitor, email, ip, url))
                .then()
                .statusCode(202);
        Webhooks.send(Webhooks.newId(), personal("visitor.updated", visitor, email, ip, url))
                .then()
                .statusCode(202);
        assertThat(occurrences(db, email)).isEmpty();
        Webhooks.send(
                        Webhooks.newId(),
                        personal("visitor.updated", visitor, email, ip, url)
                                .replace("2026-11-24T10:04:59+01:00", "2026-11-26T10:00:00Z"))
                .then()
                .statusCode(202);
        assertThat(db.one("SELECT email FROM visitor WHERE short_id = ?", visitor))
                .isEqualTo(email);
    }

    @Test
    void strippingAVisitorsOutboxRowsKeepsTheRelaysPublishedMark() throws InterruptedException {
        Db db = new Db(dataSource);
        String visitor = "er" + UUID.randomUUID().toString().substring(0, 8);
        Webhooks.send(Webhooks.newId(), Webhooks.sample("visitor.updated").replace("k7Qm2Xp9", visitor))
                .then()
                .statusCode(202);
        // the relay's own mark first: one still to come would overwrite the mark below
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (db.count("SELECT count(*) FROM outbox_event WHERE visitor_key = ? AND published_at IS NULL", visitor) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        // an erasure has read the visitor's outbox rows when the relay marks them published, from its own
        // connection; then the erasure rewrites their payloads and commits. The mark is recognisable but
        // within the retention: the periodic cleanup would delete an old one during another test
        QuarkusTransaction.requiringNew().run(() -> {
            List<OutboxEvent> rows = OutboxEvent.list("visitorKey", visitor);
            CompletableFuture.runAsync(() -> db.rows(
                            "UPDATE outbox_event SET published_at = '2999-01-01T00:00:00Z' "
                                    + "WHERE visitor_key = ? RETURNING id",
                            visitor))
                    .join();
            rows.forEach(r -> r.payload = "{}");
        });

        // a lost mark would publish the rows again
        assertThat(db.rows(
                        "SELECT payload, published_at = '2999-01-01T00:00:00Z' FROM outbox_event "
                                + "WHERE visitor_key = ?",
                        visitor))
                .containsExactly(List.of("{}", true));
    }

    @Test
    void erasingAnUnknownVisitorIsRememberedForOlderEvents() {
        Db db = new Db(dataSource);
        String visitor = "er" + UUID.randomUUID().toString().substring(0, 8);
        Webhooks.send(Webhooks.newId(), Webhooks.sample("visitor.deleted").replace("k7Qm2Xp9", visitor))
                .then()
                .statusCode(202);
        String older = Webhooks.newId();
        Webhooks.send(older, Webhooks.sample("visitor.updated").replace("k7Qm2Xp9", visitor))
                .then()
                .statusCode(202);
        assertThat(db.one("SELECT status FROM inbox_event WHERE webhook_id = ?", older))
                .isEqualTo("stale");
        assertThat(db.one("SELECT email FROM visitor WHERE short_id = ?", visitor))
                .isNull();
        assertThat(db.one("SELECT raw_body FROM inbox_event WHERE webhook_id = ?", older))
                .isNull();
    }

    private static String personal(String type, String visitor, String email, String ip, String url) {
        String sample = type.equals("session.updated")
                ? Webhooks.sample("session.started").replace("\"session.started\"", "\"session.updated\"")
                : Webhooks.sample(type);
        return sample.replace("k7Qm2Xp9", visitor)
                .replace("ses_9f2c41", "ses_" + visitor)
                .replace("ada.lovelace@example.com", email)
                .replace("203.0.113.42", ip)
                .replace("https://shop.example.com/checkout?step=2", url);
    }

    private static List<String> occurrences(Db db, String value) {
        return db.occurrences(value);
    }
}
