package io.cobrowse.ingest.rejection;

import io.cobrowse.ingest.store.Inbox;
import io.cobrowse.ingest.store.SqlArrays;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Writes buffered refusals to rejected_request, all of them in one statement. */
@ApplicationScoped
public class RejectionWriter {

    private static final int TIMEOUT_SECONDS = 30;

    /**
     * The rows from one array per column, in order of arrival (so that ids follow time, which the table's bound
     * relies on). A visitor erased by now gets neither body nor field errors (a parse error may quote the body).
     */
    private static final String INSERT = """
            INSERT INTO rejected_request (received_at, status, reason, webhook_id, body_sha256, raw_body, errors,
                                          visitor_key)
            SELECT r.received_at, r.status::smallint, r.reason, r.webhook_id, r.body_sha256,
                   CASE WHEN e.erased THEN NULL ELSE r.raw_body END,
                   CASE WHEN e.erased THEN NULL ELSE r.errors::jsonb END,
                   r.visitor_key
            FROM unnest(?::timestamptz[], ?::int[], ?::text[], ?::text[], ?::bytea[], ?::bytea[], ?::text[],
                        ?::text[])
                     WITH ORDINALITY AS r(received_at, status, reason, webhook_id, body_sha256, raw_body, errors,
                                          visitor_key, n)
            CROSS JOIN LATERAL (
                SELECT EXISTS (SELECT 1 FROM visitor v
                               WHERE v.short_id = r.visitor_key AND v.erased_at IS NOT NULL) AS erased) e
            ORDER BY r.n""";

    private final EntityManager em;

    public RejectionWriter(EntityManager em) {
        this.em = em;
    }

    /**
     * Writes the rows in one transaction. When rows name visitors, their advisory locks come first, in a statement
     * of their own, the way the writers take them: an erasure holds its visitor's lock from before it marks the
     * visitor erased and deletes their refusals until its commit. So an erasure that commits while the locks are
     * awaited is seen by the insert, whose snapshot is taken after the wait, and an erasure that comes later waits
     * for this commit and deletes these rows with the others.
     */
    void write(List<Rejection> rejections) {
        List<Rejection> rows = rejections.stream()
                .sorted(Comparator.comparing(Rejection::receivedAt))
                .toList();
        String[] visitors = rows.stream()
                .map(Rejection::visitorKey)
                .filter(Objects::nonNull)
                .distinct()
                .toArray(String[]::new);
        QuarkusTransaction.requiringNew().timeout(TIMEOUT_SECONDS).run(() -> em.unwrap(org.hibernate.Session.class)
                .doWork(c -> {
                    if (visitors.length > 0) {
                        try (PreparedStatement locks = c.prepareStatement(Inbox.VISITOR_LOCKS)) {
                            locks.setArray(1, c.createArrayOf("text", visitors));
                            locks.executeQuery().close();
                        }
                    }
                    insert(c, rows);
                }));
    }

    private static void insert(Connection c, List<Rejection> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setArray(1, SqlArrays.column(c, "text", rows, r -> r.receivedAt().toString()));
            ps.setArray(2, SqlArrays.column(c, "int4", rows, Rejection::status));
            ps.setArray(3, SqlArrays.column(c, "text", rows, Rejection::reason));
            ps.setArray(4, SqlArrays.column(c, "text", rows, Rejection::webhookId));
            ps.setArray(
                    5,
                    c.createArrayOf(
                            "bytea", rows.stream().map(Rejection::bodySha256).toArray(byte[][]::new)));
            ps.setArray(
                    6,
                    c.createArrayOf("bytea", rows.stream().map(Rejection::body).toArray(byte[][]::new)));
            ps.setArray(7, SqlArrays.column(c, "text", rows, Rejection::errors));
            ps.setArray(8, SqlArrays.column(c, "text", rows, Rejection::visitorKey));
            ps.executeUpdate();
        }
    }
}
