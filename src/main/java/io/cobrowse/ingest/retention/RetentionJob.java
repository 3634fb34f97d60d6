package io.cobrowse.ingest.retention;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Removes what is past its retention (contract section 6), four times a minute, in batches of short transactions
 * of their own, the kinds taking turns, until nothing is left or the run's time budget is spent. Nothing of
 * it is on the webhooks' path: no visitor lock, no row a writer holds (see {@link Retained}), and a lock wait of its
 * own is cut short. One replica at a time: each batch first takes the retention lock, or the run stops.
 *
 * <p>After each batch it pauses as long as the batch took: a backlog (a first start on a full database, retention
 * shortened) is worked off at half speed, leaving the database to the webhooks, and still at many times the peak
 * ingest rate. At a steady rate of webhooks a run does only what has come due since the last one.
 */
@ApplicationScoped
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    /** Rows per batch: tens of milliseconds of work each on two cores (see the benchmark's retention figures). */
    static final int BATCH = 1000;

    /** A run ends after this, rows left or not, within the period of the schedule. */
    static final Duration BUDGET = Duration.ofSeconds(12);

    /**
     * The retention lock, in the two-number advisory form (apart from the writers' one-number visitor locks);
     * transaction-scoped, so it works through a transaction-mode connection pooler too.
     */
    private static final int LOCK_CLASS = 0x72657465;

    private static final int LOCK_ID = 1;

    /**
     * Takes the lock, and bounds the batch: it waits at most this long for a row lock (a writer that then waits
     * for the batch waits no longer than that), and its statement runs at most a few seconds.
     */
    private static final String BEGIN = """
            SELECT pg_try_advisory_xact_lock(?, ?), set_config('lock_timeout', '100ms', true),
                   set_config('statement_timeout', '10s', true)""";

    /** One batch: the rows it removed, the raw bodies it dropped on the way, the rows it took, and how long it took. */
    private record Batch(long removed, long bodies, long taken, long nanos) {}

    private final EntityManager em;
    private final RetentionPolicy policy;
    private final RetentionMetrics metrics;
    /** Runs so far: every other one starts with webhook rows rather than records and bodies. */
    private final AtomicLong runs = new AtomicLong();

    public RetentionJob(EntityManager em, RetentionPolicy policy, RetentionMetrics metrics) {
        this.em = em;
        this.policy = policy;
        this.metrics = metrics;
    }

    @Scheduled(
            identity = "retention",
            every = "15s",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            RetentionRun run = run();
            LOG.debugf("retention removed %s%s", run.rows(), run.finished() ? "" : ", and goes on next run");
        } catch (RuntimeException e) {
            // the database away, or a lock wait cut short: the next run goes on where this one stopped
            LOG.debugf("retention paused: %s", e.getClass().getSimpleName());
        }
    }

    /**
     * One run: what is past its retention now, batch after batch, until nothing is left or the time budget is
     * spent (checked after each batch, so a run does at least one). Published records and raw bodies take turns
     * with webhook rows, and runs alternate which of the two goes first, so that under a load that spends the
     * budget neither side waits for the other to finish. Records come before bodies: with a record go the raw
     * bodies of its webhook that are due too, in the same update of the inbox row.
     */
    RetentionRun run() {
        return run(BUDGET);
    }

    RetentionRun run(Duration budget) {
        Instant now = Instant.now();
        long deadline = System.nanoTime() + budget.toNanos();
        Map<Retained, Long> rows = new EnumMap<>(Retained.class);
        Set<Retained> left = EnumSet.allOf(Retained.class);
        boolean webhooksFirst = runs.getAndIncrement() % 2 == 1;
        while (!left.isEmpty()) {
            for (Retained kind : turn(left, webhooksFirst)) {
                Batch batch = batch(kind, now);
                if (batch == null) {
                    return new RetentionRun(false, false, rows);
                }
                rows.merge(kind, batch.removed(), Long::sum);
                rows.merge(Retained.RAW_BODIES, batch.bodies(), Long::sum);
                if (batch.taken() < BATCH) {
                    left.remove(kind);
                } else if (System.nanoTime() - deadline > 0
                        || Thread.currentThread().isInterrupted()) {
                    metrics.unfinished();
                    return new RetentionRun(true, false, rows);
                } else {
                    pause(batch.nanos());
                }
            }
        }
        return new RetentionRun(true, true, rows);
    }

    /** One turn: the first of records and bodies with rows left (in that order), and webhook rows if any are left. */
    private static List<Retained> turn(Set<Retained> left, boolean webhooksFirst) {
        List<Retained> turn = new ArrayList<>(2);
        left.stream().filter(k -> k != Retained.WEBHOOKS).findFirst().ifPresent(turn::add);
        if (left.contains(Retained.WEBHOOKS)) {
            turn.add(webhooksFirst ? 0 : turn.size(), Retained.WEBHOOKS);
        }
        return turn;
    }

    private static void pause(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            // stopping: the run ends at its next check
            Thread.currentThread().interrupt();
        }
    }

    /** One batch in a transaction of its own; null when another replica holds the retention lock. */
    private Batch batch(Retained kind, Instant now) {
        long start = System.nanoTime();
        long[] counts = QuarkusTransaction.requiringNew()
                .call(() -> em.unwrap(Session.class).doReturningWork(c -> {
                    try (PreparedStatement lock = c.prepareStatement(BEGIN)) {
                        lock.setInt(1, LOCK_CLASS);
                        lock.setInt(2, LOCK_ID);
                        try (ResultSet rs = lock.executeQuery()) {
                            if (!rs.next() || !rs.getBoolean(1)) {
                                return null;
                            }
                        }
                    }
                    try (PreparedStatement ps = c.prepareStatement(kind.sql)) {
                        ps.setObject(1, cutOff(now, kind));
                        ps.setInt(2, BATCH);
                        if (kind == Retained.PUBLISHED) {
                            ps.setObject(3, cutOff(now, Retained.RAW_BODIES));
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                        }
                    }
                }));
        if (counts == null) {
            return null;
        }
        Batch batch = new Batch(counts[0], counts[1], counts[2], System.nanoTime() - start);
        metrics.batch(kind, batch.removed(), batch.bodies(), batch.nanos());
        return batch;
    }

    private OffsetDateTime cutOff(Instant now, Retained kind) {
        return OffsetDateTime.ofInstant(now.minus(policy.of(kind)), ZoneOffset.UTC);
    }
}
