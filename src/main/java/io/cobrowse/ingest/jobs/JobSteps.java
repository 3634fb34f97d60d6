package io.cobrowse.ingest.jobs;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.domain.OperatorJob;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One step of one running job per transaction. The step claims its job's row with {@code FOR UPDATE SKIP
 * LOCKED} and holds it until it commits, together with the job's progress: two replicas never step the same
 * job at once, and whichever steps it next, after a crash too, goes on from the last committed step. The
 * least recently stepped job goes first, so running jobs take turns.
 */
@ApplicationScoped
public class JobSteps {

    private final EntityManager em;
    private final ReplayJob replay;
    private final ReprocessingJob reprocessing;
    private final Duration pollInterval;
    private final int timeoutSeconds;

    public JobSteps(EntityManager em, ReplayJob replay, ReprocessingJob reprocessing, IngestConfig config) {
        this.em = em;
        this.replay = replay;
        this.reprocessing = reprocessing;
        this.pollInterval = config.jobs().pollInterval();
        this.timeoutSeconds = (int) Math.max(1, config.jobs().stepTimeout().toSeconds());
    }

    /**
     * Steps the next job, if any.
     *
     * @param claimed set to the job stepped, so that a failed step can be put down to it
     */
    StepOutcome next(AtomicReference<UUID> claimed) {
        claimed.set(null);
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(() -> {
            UUID id = claim();
            if (id == null) {
                return StepOutcome.IDLE;
            }
            claimed.set(id);
            OperatorJob job = em.find(OperatorJob.class, id);
            StepOutcome outcome = OperatorJob.REPLAY.equals(job.kind) ? replay.step(job) : reprocessing.step(job);
            job.updatedAt = Instant.now();
            return outcome;
        });
    }

    /**
     * The least recently stepped running job no other replica is stepping; a replay waiting for the relay
     * only once per poll interval.
     */
    private UUID claim() {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                SELECT id FROM operator_job
                WHERE status = ?1 AND (progress ->> 'phase' IS DISTINCT FROM ?2 OR updated_at < ?3)
                ORDER BY updated_at LIMIT 1 FOR UPDATE SKIP LOCKED""", UUID.class)
                .setParameter(1, OperatorJob.RUNNING)
                .setParameter(2, ReplayProgress.PUBLISHING)
                .setParameter(3, Instant.now().minus(pollInterval))
                .getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Ends the job as failed, with a reason that holds no personal data. */
    void fail(UUID id, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            OperatorJob job = em.find(OperatorJob.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            if (job == null || !OperatorJob.RUNNING.equals(job.status)) {
                return;
            }
            if (OperatorJob.REPLAY.equals(job.kind)) {
                replay.abandon(job);
            }
            job.status = OperatorJob.FAILED;
            job.failure = reason;
            job.updatedAt = Instant.now();
            job.finishedAt = job.updatedAt;
        });
    }
}
