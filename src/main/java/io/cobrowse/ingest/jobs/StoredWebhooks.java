package io.cobrowse.ingest.jobs;

import io.cobrowse.ingest.domain.OperatorJob;
import io.cobrowse.ingest.domain.WebhookOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored unhandled webhooks a reprocessing works through: those of its types received before it started,
 * in envelope order (timestamp, then webhook-id). Plain JDBC on the caller's transaction.
 */
@ApplicationScoped
public class StoredWebhooks {

    /** One stored webhook; its body is null when retention or an erasure dropped it. */
    record Stored(String webhookId, String type, Instant timestamp, byte[] body, byte[] sha256) {}

    /** What a reprocessing has dealt with so far, read from the inbox. */
    record Counts(long remaining, long leftUnhandled) {}

    private static final String MATCHING = """
            status = '%s' AND event_type = ANY (?::text[]) AND received_at <= ?::timestamptz""".formatted(WebhookOutcome.UNHANDLED.label());

    private static final String AFTER =
            "(?::timestamptz IS NULL OR (event_timestamp, webhook_id) > (?::timestamptz, ?))";

    private final EntityManager em;

    public StoredWebhooks(EntityManager em) {
        this.em = em;
    }

    /** How many webhooks the job has to deal with, counted when it starts. */
    long matching(OperatorJob job, ReprocessingRequest request) {
        return counts(job, request, ReprocessingProgress.start()).remaining();
    }

    /** The next webhooks after the job's progress, at most {@code max} and about {@code maxBytes} of bodies. */
    List<Stored> next(
            OperatorJob job, ReprocessingRequest request, ReprocessingProgress after, int max, long maxBytes) {
        String sql = """
                WITH c AS (
                    SELECT webhook_id, event_timestamp, coalesce(octet_length(raw_body), 0) AS bytes FROM inbox_event
                    WHERE %s AND %s ORDER BY event_timestamp, webhook_id LIMIT ?),
                w AS (SELECT webhook_id, sum(bytes) OVER (ORDER BY event_timestamp, webhook_id) - bytes < ? AS fits,
                             event_timestamp FROM c)
                SELECT e.webhook_id, e.event_type, e.event_timestamp, e.raw_body, e.body_sha256
                FROM w JOIN inbox_event e ON e.webhook_id = w.webhook_id
                WHERE w.fits ORDER BY w.event_timestamp, w.webhook_id""".formatted(MATCHING, AFTER);
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bind(ps, job, request, after);
                ps.setInt(i++, max);
                ps.setLong(i, maxBytes);
                List<Stored> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Stored(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getTimestamp(3).toInstant(),
                                rs.getBytes(4),
                                rs.getBytes(5)));
                    }
                }
                return rows;
            }
        });
    }

    /** The job's webhooks still unhandled: after its progress (to do) and up to it (left so). */
    Counts counts(OperatorJob job, ReprocessingRequest request, ReprocessingProgress progress) {
        String sql = "SELECT count(*) FILTER (WHERE %s), count(*) FILTER (WHERE NOT %s) FROM inbox_event WHERE %s"
                .formatted(AFTER, AFTER, MATCHING);
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = bindAfter(ps, 1, progress);
                i = bindAfter(ps, i, progress);
                ps.setArray(i++, c.createArrayOf("text", request.typesOrAll().toArray()));
                ps.setString(i, job.createdAt.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Counts(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    private static int bind(PreparedStatement ps, OperatorJob job, ReprocessingRequest request, ReprocessingProgress p)
            throws SQLException {
        ps.setArray(
                1, ps.getConnection().createArrayOf("text", request.typesOrAll().toArray()));
        ps.setString(2, job.createdAt.toString());
        return bindAfter(ps, 3, p);
    }

    private static int bindAfter(PreparedStatement ps, int first, ReprocessingProgress p) throws SQLException {
        String at = p.afterTimestamp() == null ? null : p.afterTimestamp().toString();
        ps.setString(first, at);
        ps.setString(first + 1, at);
        ps.setString(first + 2, p.afterId());
        return first + 3;
    }
}
