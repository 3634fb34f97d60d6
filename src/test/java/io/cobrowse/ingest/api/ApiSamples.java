package io.cobrowse.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.Webhooks;
import java.time.Duration;
import java.util.UUID;

/** The samples as events of a visitor and session of a test's own, sent and looked up. */
final class ApiSamples {

    static final String VISITORS = "cobrowse.visitors.v1";
    static final String SESSIONS = "cobrowse.sessions.v1";

    private ApiSamples() {}

    static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The visitor.updated sample for this visitor, at this envelope time. */
    static String visitor(String shortId, String at) {
        return Webhooks.sample("visitor.updated").replace("k7Qm2Xp9", shortId).replace("2026-11-24T10:04:59+01:00", at);
    }

    /** A session sample of this type for this session and visitor, its envelope time and started_at moved. */
    static String session(String type, String sessionId, String visitor, String at) {
        String sample = type.equals("session.updated")
                ? Webhooks.sample("session.started").replace("\"session.started\"", "\"session.updated\"")
                : Webhooks.sample(type);
        return sample.replace("ses_9f2c41", sessionId)
                .replace("k7Qm2Xp9", visitor)
                .replace("2026-11-24T09:10:00Z", at)
                .replace("2026-11-24T09:12:30Z", at)
                .replace("2026-11-24T09:21:10Z", at);
    }

    static String send(String body) {
        String id = Webhooks.newId();
        Webhooks.send(id, body).then().statusCode(202);
        return id;
    }

    /** The payload of the subject's newest live outbox row: the last record written for it. */
    static String latestPayload(Db db, String topic, String subject) {
        return (String) db.one(
                "SELECT payload FROM outbox_event WHERE topic = ? AND ce_subject = ? AND replay_id IS NULL "
                        + "ORDER BY id DESC LIMIT 1",
                topic,
                subject);
    }

    /** Waits until the relay has published every row of the visitor. */
    static void awaitPublished(Db db, String visitor) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long pending;
        do {
            Thread.sleep(100);
            pending = db.count(
                    "SELECT count(*) FROM outbox_event WHERE visitor_key = ? AND published_at IS NULL", visitor);
        } while (pending > 0 && System.nanoTime() < deadline);
        assertThat(pending).as("unpublished rows of " + visitor).isZero();
    }
}
