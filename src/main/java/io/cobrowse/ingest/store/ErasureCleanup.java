package io.cobrowse.ingest.store;

import io.cobrowse.ingest.domain.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Erases a visitor's older copies in bounded steps: raw bodies in the inbox and the payloads of published
 * outbox rows. An erasure's own transaction takes the first step and leaves the rest here, so that a visitor
 * with a long history cannot make it outlast its time-out (and take the neighbours of its commit group down
 * with it). What matters for the acknowledgement is committed with it: the erased visitor and sessions, the
 * scrubbed unpublished rows and the tombstone; nothing here can leave the service.
 */
@ApplicationScoped
public class ErasureCleanup {

    private static final Logger LOG = Logger.getLogger(ErasureCleanup.class);
    /** Inbox rows and outbox rows erased in one step. */
    static final int INBOX_STEP = 1000;

    static final int OUTBOX_STEP = 200;

    private final EntityManager em;
    private final OutboxWriter outbox;

    public ErasureCleanup(EntityManager em, OutboxWriter outbox) {
        this.em = em;
        this.outbox = outbox;
    }

    /** In the erasure's transaction: the first step, and the rest remembered when there is more. */
    void begin(String visitorKey, Instant through, Instant erasedAt) {
        int inbox = eraseRawBodies(visitorKey, through, erasedAt);
        long after = scrubOutbox(visitorKey, through, 0);
        if (inbox == INBOX_STEP || after > 0) {
            update("""
                    INSERT INTO erasure_cleanup (visitor_key, erased_through, erased_at, outbox_after)
                    VALUES (?, ?::timestamptz, ?::timestamptz, ?::bigint)
                    ON CONFLICT (visitor_key) DO UPDATE SET
                        erased_through = greatest(erasure_cleanup.erased_through, excluded.erased_through),
                        erased_at = excluded.erased_at,
                        outbox_after = least(erasure_cleanup.outbox_after, excluded.outbox_after)""", visitorKey, through.toString(), erasedAt.toString(), String.valueOf(after));
        }
    }

    @Scheduled(
            identity = "erasure-clean-up",
            every = "5s",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            while (QuarkusTransaction.requiringNew().call(this::step)) {
                // one bounded step per transaction, until no erasure is pending
            }
        } catch (RuntimeException e) {
            // the database away, or another replica at work on the same row: the next run goes on
            LOG.debugf("erasure clean-up paused: %s", e.getClass().getSimpleName());
        }
    }

    /** One step of a pending erasure that no other replica is working on; false when none is left. */
    boolean step() {
        @SuppressWarnings("unchecked")
        List<Object[]> pending = em.createNativeQuery("""
                SELECT visitor_key, erased_through, outbox_after FROM erasure_cleanup
                ORDER BY erased_at LIMIT 1 FOR UPDATE SKIP LOCKED""").getResultList();
        if (pending.isEmpty()) {
            return false;
        }
        String key = (String) pending.get(0)[0];
        Instant through = instant(pending.get(0)[1]);
        long after = ((Number) pending.get(0)[2]).longValue();
        int inbox = eraseRawBodies(key, through, Instant.now());
        long next = scrubOutbox(key, through, after);
        if (inbox < INBOX_STEP && next == 0) {
            update("DELETE FROM erasure_cleanup WHERE visitor_key = ?", key);
        } else if (next > 0) {
            update(
                    "UPDATE erasure_cleanup SET outbox_after = ?::bigint WHERE visitor_key = ?",
                    String.valueOf(next),
                    key);
        }
        return true;
    }

    /** Drops at most a step's raw bodies of the visitor's events up to the erasure; returns how many. */
    private int eraseRawBodies(String visitorKey, Instant through, Instant at) {
        return update("""
                UPDATE inbox_event SET raw_body = NULL, erased_at = ?::timestamptz
                WHERE webhook_id IN (
                    SELECT webhook_id FROM inbox_event
                    WHERE visitor_key = ? AND raw_body IS NOT NULL AND event_timestamp <= ?::timestamptz
                    LIMIT %d)""".formatted(INBOX_STEP), at.toString(), visitorKey, through.toString());
    }

    /** Plain JDBC on the transaction's connection: no flush of the erasure's persistence context first. */
    private int update(String sql, String... parameters) {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Scrubs at most a step's outbox rows of the visitor's events up to the erasure, after the given id;
     * returns the last id scrubbed when there may be more, else 0.
     */
    private long scrubOutbox(String visitorKey, Instant through, long after) {
        List<OutboxEvent> rows = em.createQuery("""
                FROM OutboxEvent WHERE visitorKey = :key AND id > :after AND ceTime <= :through
                AND payload IS NOT NULL ORDER BY id""", OutboxEvent.class)
                .setParameter("key", visitorKey)
                .setParameter("after", after)
                .setParameter("through", through)
                .setMaxResults(OUTBOX_STEP)
                .getResultList();
        rows.forEach(outbox::scrub);
        return rows.size() == OUTBOX_STEP ? rows.get(rows.size() - 1).id : 0;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
