package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.config.IngestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Periodic upkeep: refreshes the backlog and parked-row gauges, and keeps the rejected-request store within its
 * count and age. Published outbox rows go with the retention job.
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final EntityManager em;
    private final OutboxMetrics metrics;
    private final IngestConfig config;

    public Housekeeping(EntityManager em, OutboxMetrics metrics, IngestConfig config) {
        this.em = em;
        this.metrics = metrics;
        this.config = config;
    }

    @Scheduled(
            identity = "outbox-backlog",
            every = "5s",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measureBacklogGuarded() {
        guarded(this::measureBacklog);
    }

    @Scheduled(
            identity = "clean-up",
            every = "60s",
            delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void cleanUpGuarded() {
        guarded(this::cleanUp);
    }

    /** A database away is reported elsewhere (readiness); the next run tries again. */
    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.debugf("housekeeping skipped: %s", e.getClass().getSimpleName());
        }
    }

    void measureBacklog() {
        Object[] row = QuarkusTransaction.requiringNew()
                .call(() -> (Object[]) em.createNativeQuery("""
                SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0),
                       count(*) FILTER (WHERE parked_at IS NOT NULL)
                FROM outbox_event WHERE published_at IS NULL""").getSingleResult());
        metrics.backlog(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    void cleanUp() {
        Instant rejectedBefore = Instant.now().minus(config.webhook().rejectedMaxAge());
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("""
                    DELETE FROM rejected_request WHERE received_at < ?1 OR id <= (
                        SELECT id FROM rejected_request ORDER BY id DESC OFFSET ?2 LIMIT 1)""")
                    .setParameter(1, rejectedBefore)
                    .setParameter(2, config.webhook().rejectedMaxCount())
                    .executeUpdate();
        });
    }
}
