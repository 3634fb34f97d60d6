package io.cobrowse.ingest.store;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.domain.OutboxEvent;
import io.cobrowse.ingest.domain.SessionMapping;
import io.cobrowse.ingest.domain.VisitorMapping;
import io.cobrowse.ingest.event.InboundData.SessionStateData;
import io.cobrowse.ingest.event.NormalizedSession;
import io.cobrowse.ingest.event.NormalizedVisitor;
import io.cobrowse.ingest.event.OutboundJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * Writes outbox rows in the caller's transaction: the only way events reach Kafka. A row whose record would
 * exceed the topics' limit fails the transaction instead ({@link RecordLimit}). Rows are collected
 * while a group's events are applied and inserted together by {@link #insert}, in event order: the
 * identity column then numbers a visitor's rows in the order the relay must publish them.
 */
@ApplicationScoped
public class OutboxWriter {

    public static final String CE_TYPE_PREFIX = "cobrowse.";

    /** The one field of a session's record that a session.state brings; snapshots bring all the others. */
    private static final String CONNECTIONS = "connections";

    private final EntityManager em;
    private final IngestConfig.Topics topics;
    private final RecordLimit limit;

    public OutboxWriter(EntityManager em, IngestConfig config) {
        this.em = em;
        this.topics = config.topics();
        this.limit = new RecordLimit(topics.maxMessageBytes());
    }

    public void visitor(List<OutboxEvent> pending, IncomingWebhook w, NormalizedVisitor visitor) {
        OutboxEvent row = row(w, topics.visitors(), visitor.shortId(), visitor.shortId(), OutboundJson.write(visitor));
        limit.check(row, field -> true);
        pending.add(row);
    }

    public void tombstone(List<OutboxEvent> pending, IncomingWebhook w, String shortId) {
        pending.add(row(w, topics.visitors(), shortId, shortId, null));
    }

    public void session(List<OutboxEvent> pending, IncomingWebhook w, NormalizedSession session) {
        OutboxEvent row = row(w, topics.sessions(), session.visitorId(), session.id(), OutboundJson.write(session));
        boolean state = w.event().data() instanceof SessionStateData;
        limit.check(row, field -> state == field.equals(CONNECTIONS));
        pending.add(row);
    }

    private static OutboxEvent row(IncomingWebhook w, String topic, String key, String subject, String payload) {
        OutboxEvent e = new OutboxEvent();
        e.webhookId = w.webhookId();
        e.topic = topic;
        e.messageKey = key;
        e.ceType = CE_TYPE_PREFIX + w.event().type();
        e.ceSubject = subject;
        e.ceTime = w.event().timestamp();
        e.payload = payload;
        e.visitorKey = w.event().data().visitorKey();
        e.createdAt = w.receivedAt();
        return e;
    }

    /**
     * Inserts the pending rows in one statement, numbered in list order, and empties the list. The same
     * statement wakes the relay, which PostgreSQL notifies once the transaction commits. Replays write their
     * copies of published rows here too, so that they reach Kafka the way live rows do.
     */
    public void insert(List<OutboxEvent> pending) {
        if (pending.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH inserted AS (
                        INSERT INTO outbox_event (webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload,
                                                  visitor_key, created_at, replay_id)
                        SELECT webhook_id, topic, message_key, ce_type, ce_subject, ce_time,
                               CASE WHEN json_typeof(payload) = 'null' THEN NULL ELSE payload::text END,
                               visitor_key, created_at, replay_id
                        FROM ROWS FROM (unnest(?::text[]), unnest(?::text[]), unnest(?::text[]), unnest(?::text[]),
                                        unnest(?::text[]), unnest(?::timestamptz[]), json_array_elements(?::json),
                                        unnest(?::text[]), unnest(?::timestamptz[]), unnest(?::uuid[]))
                             WITH ORDINALITY AS r(webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload,
                                                  visitor_key, created_at, replay_id, n)
                        ORDER BY n
                        RETURNING 1)
                    SELECT pg_notify('%s', '') FROM (SELECT 1 FROM inserted LIMIT 1) AS any_row""".formatted(OutboxEvent.NOTIFY_CHANNEL))) {
                ps.setArray(1, SqlArrays.column(c, "text", pending, e -> e.webhookId));
                ps.setArray(2, SqlArrays.column(c, "text", pending, e -> e.topic));
                ps.setArray(3, SqlArrays.column(c, "text", pending, e -> e.messageKey));
                ps.setArray(4, SqlArrays.column(c, "text", pending, e -> e.ceType));
                ps.setArray(5, SqlArrays.column(c, "text", pending, e -> e.ceSubject));
                ps.setArray(6, SqlArrays.column(c, "text", pending, e -> e.ceTime.toString()));
                ps.setString(7, payloads(pending));
                ps.setArray(8, SqlArrays.column(c, "text", pending, e -> e.visitorKey));
                ps.setArray(9, SqlArrays.column(c, "text", pending, e -> e.createdAt.toString()));
                ps.setArray(
                        10,
                        SqlArrays.column(c, "text", pending, e -> e.replayId == null ? null : e.replayId.toString()));
                ps.executeQuery().close();
            }
        });
        pending.clear();
    }

    /**
     * The payloads as one JSON array, a tombstone as {@code null}: each payload is JSON already, so it goes in as it
     * is, where a text array would escape every quote of it on the way in and PostgreSQL unescape it again. The
     * {@code json} type keeps each element's text as it was written.
     */
    private static String payloads(List<OutboxEvent> rows) {
        return rows.stream()
                .map(r -> r.payload == null ? "null" : r.payload)
                .collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * Strips a visitor's personal data from their unpublished outbox rows, so that nothing leaves with it
     * afterwards; published ones follow in bounded steps ({@link ErasureCleanup}).
     */
    public void eraseUnpublished(List<OutboxEvent> pending, String shortId) {
        insert(pending);
        // waits for a relay round that has this visitor's rows in flight (see ERASURE_FENCE)
        em.unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                ps.setInt(1, OutboxEvent.ERASURE_FENCE);
                ps.setString(2, shortId);
                ps.executeQuery().close();
            }
        });
        em.createQuery(
                        "FROM OutboxEvent WHERE visitorKey = :key AND payload IS NOT NULL AND publishedAt IS NULL",
                        OutboxEvent.class)
                .setParameter("key", shortId)
                .getResultList()
                .forEach(this::scrub);
    }

    /** The row's payload without the visitor's personal data: the same erasure as of the stored state. */
    void scrub(OutboxEvent row) {
        row.payload = scrubbed(row.topic, row.payload);
    }

    /** A record's payload for the given topic without the visitor's personal data; a tombstone stays one. */
    public String scrubbed(String topic, String payload) {
        if (payload == null) {
            return null;
        }
        return topic.equals(topics.visitors())
                ? VisitorMapping.erasedJson(payload)
                : SessionMapping.erasedJson(payload);
    }
}
