package io.cobrowse.ingest.store;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.domain.WebhookOutcome;
import io.cobrowse.ingest.event.FieldError;
import io.cobrowse.ingest.lifecycle.BackgroundLoop;
import io.cobrowse.ingest.lifecycle.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Commits concurrent webhooks together, the way databases group-commit: a writer thread takes
 * whatever is waiting (up to max-batch), applies each in one transaction and completes every
 * webhook's future only after that commit. If the group fails for a reason other than the
 * database being away, each webhook is retried in a transaction of its own, so one bad event
 * never fails its neighbours.
 */
@ApplicationScoped
public class GroupCommitter {

    private static final Logger LOG = Logger.getLogger(GroupCommitter.class);
    private static final int ATTEMPTS = 4;
    /** Writers finish what is queued before the service stops, within this time. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final GroupTransaction transaction;
    private final WriterMetrics metrics;
    private final IngestConfig.Writer settings;
    private final WriterQueue queue;
    private final List<BackgroundLoop> writers = new ArrayList<>();
    private final ReentrantLock gathering = new ReentrantLock();
    private volatile boolean accepting;

    public GroupCommitter(GroupTransaction transaction, WriterMetrics metrics, IngestConfig config) {
        this.transaction = transaction;
        this.metrics = metrics;
        this.settings = config.writer();
        this.queue = new WriterQueue(settings.queueCapacity(), settings.queueMaxBytes());
    }

    void start(@Observes StartupEvent ignored) {
        accepting = true;
        for (int i = 0; i < settings.threads(); i++) {
            writers.add(BackgroundLoop.start("webhook-writer-" + i, this::writeLoop));
        }
    }

    /** Finishes what is queued (committed or not acknowledged), then stops. */
    void stop(@Observes ShutdownEvent ignored) {
        accepting = false;
        writers.forEach(BackgroundLoop::requestStop);
        writers.forEach(w -> w.awaitStop(DRAIN));
    }

    public CompletableFuture<WebhookResult> accept(IncomingWebhook webhook) {
        return submit(new Work.Accept(webhook, new CompletableFuture<>()));
    }

    /** Applies a stored unhandled webhook of a type this build knows, like a new one: see {@link Work.Reprocess}. */
    public CompletableFuture<WebhookResult> reprocess(IncomingWebhook webhook) {
        return submit(new Work.Reprocess(webhook, new CompletableFuture<>()));
    }

    /**
     * An invalid webhook: a duplicate or a conflict when its id was accepted before, otherwise invalid (the caller
     * keeps the refused request; nothing is written here).
     */
    public CompletableFuture<WebhookResult> reject(
            String webhookId, byte[] body, byte[] sha256, List<FieldError> errors, Instant receivedAt) {
        return submit(new Work.Reject(webhookId, body, sha256, errors, receivedAt, new CompletableFuture<>()));
    }

    /** A full queue, by count or by bytes, answers 503 at once. */
    private CompletableFuture<WebhookResult> submit(Work work) {
        if (!accepting || !queue.offer(work)) {
            work.result().complete(WebhookResult.of(WebhookOutcome.UNAVAILABLE));
        }
        return work.result();
    }

    /**
     * Writers take turns to gather: one takes what is waiting and hands the turn on as soon as its group
     * holds its visitors' locks. So the next group can start while this one loads, applies, writes and
     * commits; a group that stalls there is waited for only by groups that share a visitor (or a changed
     * agent) with it, though such a group waits holding the turn. The locks, taken in turn order, keep each
     * visitor's webhooks in arrival order.
     */
    private void writeLoop(BackgroundLoop loop) throws InterruptedException {
        List<Work> batch = new ArrayList<>(settings.maxBatch());
        while (loop.running() || !queue.isEmpty()) {
            try {
                gathering.lockInterruptibly();
                if (queue.take(batch, settings.maxBatch(), 200)) {
                    commitGroup(expire(batch));
                }
            } catch (RuntimeException | Error e) {
                // whatever it was, the group's webhooks are answered (503: nothing acknowledged, the sender
                // retries) and the writer goes on with the next group
                LOG.errorf("webhook writer failed: %s", e.getClass().getName());
                batch.forEach(w -> w.result().complete(WebhookResult.of(WebhookOutcome.UNAVAILABLE)));
            } finally {
                passTurn();
                batch.clear();
            }
        }
    }

    /**
     * Answers 503 to the webhooks that waited in the queue longer than the commit time-out, unwritten (their
     * senders have likely given up), and returns the others.
     */
    private List<Work> expire(List<Work> batch) {
        Instant oldest = Instant.now().minus(settings.commitTimeout());
        List<Work> live = new ArrayList<>(batch.size());
        for (Work w : batch) {
            if (w.receivedAt().isBefore(oldest)) {
                w.result().complete(WebhookResult.of(WebhookOutcome.UNAVAILABLE));
            } else {
                live.add(w);
            }
        }
        return live;
    }

    private void passTurn() {
        if (gathering.isHeldByCurrentThread()) {
            gathering.unlock();
        }
    }

    private void commitGroup(List<Work> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Instant start = Instant.now();
        batch.forEach(w -> metrics.groupStarted(w.receivedAt(), start));
        long began = System.nanoTime();
        try {
            List<WebhookResult> results = transaction.commit(batch, this::passTurn);
            metrics.groupCommitted(batch.size(), System.nanoTime() - began);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
            return;
        } catch (RuntimeException e) {
            if (unavailable(e, began)) {
                LOG.warnf(
                        "database unavailable or commit timed out, %d webhooks not acknowledged: %s",
                        batch.size(), DatabaseErrors.describe(e));
                batch.forEach(w -> w.result().complete(WebhookResult.of(WebhookOutcome.UNAVAILABLE)));
                return;
            }
            if (batch.size() == 1) {
                failedAlone(batch.get(0), e, began);
                return;
            }
            LOG.debugf("group of %d failed (%s), committing each alone", batch.size(), DatabaseErrors.describe(e));
        }
        for (Work w : batch) {
            long alone = System.nanoTime();
            try {
                w.result().complete(alone(w));
            } catch (RuntimeException e) {
                failedAlone(w, e, alone);
            }
        }
    }

    private WebhookResult alone(Work w) {
        return transaction.commit(List.of(w), this::passTurn).get(0);
    }

    /**
     * Nothing acknowledged, answered 503 without a retry: the database is away, or the transaction ran into
     * the commit time-out (which cancels its statement, or leaves it to fail at the commit).
     */
    private boolean unavailable(RuntimeException e, long began) {
        return DatabaseErrors.isUnavailable(e)
                || DatabaseErrors.isTimeout(e)
                || System.nanoTime() - began >= settings.commitTimeout().toNanos();
    }

    /**
     * A webhook whose transaction of its own failed. Deadlocks and serialization failures between concurrent
     * transactions are retried, not surfaced; a webhook whose record is too large is refused.
     */
    private void failedAlone(Work w, RuntimeException first, long firstBegan) {
        RuntimeException last = first;
        long began = firstBegan;
        Backoff backoff = new Backoff(Duration.ofMillis(5), Duration.ofMillis(50));
        for (int attempt = 1;
                attempt < ATTEMPTS && DatabaseErrors.isTransient(last) && !unavailable(last, began);
                attempt++) {
            try {
                backoff.pause();
                began = System.nanoTime();
                w.result().complete(alone(w));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        RecordTooLargeException tooLarge = RecordTooLargeException.in(last);
        if (unavailable(last, began)) {
            w.result().complete(WebhookResult.of(WebhookOutcome.UNAVAILABLE));
        } else if (tooLarge != null && w instanceof Work.Accept a) {
            refuse(a, tooLarge);
        } else {
            LOG.errorf("webhook could not be stored: %s", DatabaseErrors.describe(last));
            w.result().completeExceptionally(last);
        }
    }

    /**
     * Refuses a webhook whose record would exceed the topics' limit, as invalid: its failed transaction left
     * nothing, and a transaction of its own tells whether its id was accepted meanwhile.
     */
    private void refuse(Work.Accept a, RecordTooLargeException tooLarge) {
        IncomingWebhook w = a.webhook();
        Work.Reject r = new Work.Reject(
                w.webhookId(), w.body(), w.sha256(), List.of(tooLarge.error()), w.receivedAt(), a.result());
        long began = System.nanoTime();
        try {
            r.result().complete(alone(r));
        } catch (RuntimeException e) {
            failedAlone(r, e, began);
        }
    }
}
