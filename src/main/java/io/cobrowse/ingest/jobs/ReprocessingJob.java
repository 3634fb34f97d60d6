package io.cobrowse.ingest.jobs;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.config.JobSettings;
import io.cobrowse.ingest.domain.OperatorJob;
import io.cobrowse.ingest.domain.WebhookOutcome;
import io.cobrowse.ingest.event.EventParser;
import io.cobrowse.ingest.store.DatabaseErrors;
import io.cobrowse.ingest.store.GroupCommitter;
import io.cobrowse.ingest.store.IncomingWebhook;
import io.cobrowse.ingest.store.WebhookResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * A reprocessing, one step at a time in the caller's transaction: the next stored unhandled webhooks in
 * envelope order go through the writers like new ones ({@link GroupCommitter#reprocess}), which apply each
 * in a commit of its own group and change its inbox row to applied or stale. A webhook whose body is gone or
 * no longer valid is left unhandled. The counts are read from the inbox, so a step rolled back or repeated
 * (on another replica, say) counts nothing twice.
 */
@ApplicationScoped
public class ReprocessingJob {

    private static final Logger LOG = Logger.getLogger(ReprocessingJob.class);

    private final StoredWebhooks stored;
    private final GroupCommitter committer;
    private final EntityManager em;
    private final JobSettings settings;
    /** How long a step waits for the writers: longer than a commit may take. */
    private final Duration writersWait;

    public ReprocessingJob(StoredWebhooks stored, GroupCommitter committer, EntityManager em, IngestConfig config) {
        this.stored = stored;
        this.committer = committer;
        this.em = em;
        this.settings = config.jobs();
        this.writersWait = config.writer().commitTimeout().multipliedBy(2).plusSeconds(5);
    }

    StepOutcome step(OperatorJob job) {
        ReprocessingRequest request = ReprocessingRequest.of(job.request);
        ReprocessingProgress progress = ReprocessingProgress.of(job.progress);
        if (progress == null) {
            job.recordsTotal = stored.matching(job, request);
            job.progress = ReprocessingProgress.start().json();
            return StepOutcome.WORKED;
        }
        List<StoredWebhooks.Stored> batch =
                stored.next(job, request, progress, settings.reprocessingStepWebhooks(), settings.stepBytes());
        if (batch.isEmpty()) {
            StoredWebhooks.Counts counts = stored.counts(job, request, progress);
            job.recordsDone = job.recordsTotal - counts.remaining();
            job.progress = new ReprocessingProgress(
                            progress.afterTimestamp(), progress.afterId(), counts.leftUnhandled())
                    .json();
            job.status = OperatorJob.DONE;
            job.finishedAt = Instant.now();
            return StepOutcome.WORKED;
        }
        // this transaction holds the job while the writers commit, which may outlast the pool's idle limit
        em.createNativeQuery("SELECT set_config('idle_in_transaction_session_timeout', ?1, true)")
                .setParameter(1, (writersWait.toMillis() + 5000) + "ms")
                .getSingleResult();
        List<CompletableFuture<WebhookResult>> sent = new ArrayList<>(batch.size());
        for (StoredWebhooks.Stored s : batch) {
            IncomingWebhook w = parse(s);
            sent.add(w == null ? null : committer.reprocess(w));
        }
        awaitAll(sent);
        for (int i = 0; i < batch.size(); i++) {
            if (sent.get(i) != null && unavailable(sent.get(i))) {
                // those committed are no longer unhandled; the rest are taken again after a pause
                throw new RetryLater("the writers are unavailable");
            }
        }
        StoredWebhooks.Stored last = batch.get(batch.size() - 1);
        job.progress = new ReprocessingProgress(last.timestamp(), last.webhookId(), 0).json();
        return StepOutcome.WORKED;
    }

    /** The webhook as if it had just arrived; null when its body is gone or no longer a valid event of its type. */
    private static IncomingWebhook parse(StoredWebhooks.Stored s) {
        if (s.body() == null) {
            return null;
        }
        EventParser.Result parsed = EventParser.parse(s.body());
        if (!parsed.valid()
                || parsed.event().knownType().isEmpty()
                || !parsed.event().type().equals(s.type())) {
            return null;
        }
        return new IncomingWebhook(s.webhookId(), parsed.event(), s.body(), s.sha256(), Instant.now());
    }

    private void awaitAll(List<CompletableFuture<WebhookResult>> sent) {
        CompletableFuture<?>[] all = sent.stream().filter(f -> f != null).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(all).get(writersWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // a webhook that could not be stored: looked at one by one below
        } catch (TimeoutException e) {
            throw new RetryLater("the writers did not answer in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater("interrupted");
        }
    }

    /**
     * Whether the webhook was not written for a passing reason. One that failed otherwise (a record too large
     * for the topics, say) stays unhandled, and the job goes on.
     */
    private static boolean unavailable(CompletableFuture<WebhookResult> f) {
        try {
            return f.getNow(null).outcome() == WebhookOutcome.UNAVAILABLE;
        } catch (RuntimeException e) {
            LOG.warnf("a reprocessed webhook could not be stored and stays unhandled: %s", DatabaseErrors.describe(e));
            return false;
        }
    }
}
