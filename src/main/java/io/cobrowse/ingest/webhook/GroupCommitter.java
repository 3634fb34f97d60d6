package io.cobrowse.ingest.webhook;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.domain.CommitGroup;
import io.cobrowse.ingest.domain.EventApplier;
import io.cobrowse.ingest.domain.Inbox;
import io.cobrowse.ingest.domain.IncomingWebhook;
import io.cobrowse.ingest.domain.RejectedRequest;
import io.cobrowse.ingest.event.FieldError;
import io.cobrowse.ingest.event.OutboundJson;
import io.cobrowse.ingest.outbox.OutboxWriter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

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

    /** One unit of work for the writer. */
    sealed interface Work permits Accept, Reject {
        CompletableFuture<WebhookResult> result();

        String visitorKey();

        Instant receivedAt();
    }

    record Accept(IncomingWebhook webhook, CompletableFuture<WebhookResult> result) implements Work {
        @Override
        public String visitorKey() {
            return webhook.event().data().visitorKey();
        }

        @Override
        public Instant receivedAt() {
            return webhook.receivedAt();
        }
    }

    record Reject(String webhookId, byte[] body, byte[] sha256, List<FieldError> errors, String visitorKey,
            Instant receivedAt, CompletableFuture<WebhookResult> result) implements Work {
    }

    private final EntityManager em;
    private final EventApplier applier;
    private final Inbox inbox;
    private final OutboxWriter outbox;
    private final WebhookMetrics metrics;
    private final IngestConfig.Writer settings;
    private final BlockingQueue<Work> queue;
    private final List<Thread> writers = new ArrayList<>();
    private final ReentrantLock gathering = new ReentrantLock();
    private volatile boolean running;

    public GroupCommitter(EntityManager em, EventApplier applier, Inbox inbox, OutboxWriter outbox,
            WebhookMetrics metrics, IngestConfig config) {
        this.em = em;
        this.applier = applier;
        this.inbox = inbox;
        this.outbox = outbox;
        this.metrics = metrics;
        this.settings = config.writer();
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    void start(@Observes StartupEvent ignored) {
        running = true;
        for (int i = 0; i < settings.threads(); i++) {
            Thread t = new Thread(this::writeLoop, "webhook-writer-" + i);
            t.setDaemon(true);
            t.start();
            writers.add(t);
        }
    }

    /** Finishes what is queued (committed or not acknowledged), then stops. */
    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running = false;
        for (Thread t : writers) {
            t.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    public CompletableFuture<WebhookResult> accept(IncomingWebhook webhook) {
        return submit(new Accept(webhook, new CompletableFuture<>()));
    }

    public CompletableFuture<WebhookResult> reject(String webhookId, byte[] body, byte[] sha256,
            List<FieldError> errors, String visitorKey, Instant receivedAt) {
        return submit(new Reject(webhookId, body, sha256, errors, visitorKey, receivedAt, new CompletableFuture<>()));
    }

    private CompletableFuture<WebhookResult> submit(Work work) {
        if (!running || !queue.offer(work)) {
            work.result().complete(WebhookResult.of(WebhookResult.Kind.UNAVAILABLE));
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
    private void writeLoop() {
        List<Work> batch = new ArrayList<>(settings.maxBatch());
        while (running || !queue.isEmpty()) {
            try {
                gathering.lockInterruptibly();
                Work first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.maxBatch() - 1);
                commitGroup(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.errorf("webhook writer failed: %s", e.getClass().getName());
                batch.forEach(w -> w.result().completeExceptionally(e));
            } finally {
                passTurn();
                batch.clear();
            }
        }
    }

    private void passTurn() {
        if (gathering.isHeldByCurrentThread()) {
            gathering.unlock();
        }
    }

    private void commitGroup(List<Work> batch) {
        Instant start = Instant.now();
        batch.forEach(w -> metrics.groupStarted(w.receivedAt(), start));
        try {
            long began = System.nanoTime();
            List<WebhookResult> results = transaction(batch);
            metrics.groupCommitted(batch.size(), System.nanoTime() - began);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).result().complete(results.get(i));
            }
            return;
        } catch (RuntimeException e) {
            if (DatabaseErrors.isUnavailable(e)) {
                LOG.warnf("database unavailable, %d webhooks not acknowledged: %s", batch.size(),
                        DatabaseErrors.describe(e));
                batch.forEach(w -> w.result().complete(WebhookResult.of(WebhookResult.Kind.UNAVAILABLE)));
                return;
            }
            if (batch.size() == 1) {
                retryAlone(batch.get(0), e);
                return;
            }
            LOG.debugf("group of %d failed (%s), committing each alone", batch.size(), DatabaseErrors.describe(e));
        }
        for (Work w : batch) {
            try {
                w.result().complete(transaction(List.of(w)).get(0));
            } catch (RuntimeException e) {
                if (DatabaseErrors.isUnavailable(e)) {
                    w.result().complete(WebhookResult.of(WebhookResult.Kind.UNAVAILABLE));
                } else {
                    retryAlone(w, e);
                }
            }
        }
    }

    /** Deadlocks and serialization failures between concurrent transactions are retried, not surfaced. */
    private void retryAlone(Work w, RuntimeException first) {
        RuntimeException last = first;
        for (int attempt = 1; attempt < ATTEMPTS && DatabaseErrors.isTransient(last); attempt++) {
            try {
                Thread.sleep(5L * attempt);
                w.result().complete(transaction(List.of(w)).get(0));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        if (DatabaseErrors.isUnavailable(last)) {
            w.result().complete(WebhookResult.of(WebhookResult.Kind.UNAVAILABLE));
        } else {
            LOG.errorf("webhook could not be stored: %s", DatabaseErrors.describe(last));
            w.result().completeExceptionally(last);
        }
    }

    /**
     * One transaction for the group: the visitors' locks, the inbox rows in one statement, the state the
     * events touch loaded at once, each event applied in order, the outbox rows in one statement.
     * Package-visible for the tests of what meets within one group.
     */
    List<WebhookResult> transaction(List<Work> batch) {
        return QuarkusTransaction.requiringNew().timeout(30).call(() -> {
            String[] visitorKeys = batch.stream().map(Work::visitorKey).filter(Objects::nonNull).distinct()
                    .toArray(String[]::new);
            List<IncomingWebhook> accepted = batch.stream()
                    .filter(Accept.class::isInstance).map(w -> ((Accept) w).webhook()).toList();
            List<Inbox.Insert> inserts;
            if (accepted.isEmpty()) {
                lockVisitors(visitorKeys);
                inserts = List.of();
            } else {
                // the inbox insert takes the visitors' locks first and writes the agents, in the same round trip
                inserts = inbox.insertAll(accepted, visitorKeys);
            }
            // this group holds its visitors' locks: a later group that shares a visitor waits for its commit
            passTurn();
            List<IncomingWebhook> toApply = new ArrayList<>(accepted.size());
            for (int i = 0; i < accepted.size(); i++) {
                if (inserts.get(i) == Inbox.Insert.INSERTED) {
                    toApply.add(accepted.get(i));
                }
            }
            CommitGroup group = CommitGroup.load(em, toApply);
            List<WebhookResult> results = new ArrayList<>(batch.size());
            int next = 0;
            for (Work w : batch) {
                results.add(w instanceof Accept a ? accept(a, inserts.get(next++), group) : reject((Reject) w));
            }
            group.persistCreated();
            outbox.insert(group.outbox());
            em.flush();
            return results;
        });
    }

    private WebhookResult accept(Accept a, Inbox.Insert insert, CommitGroup group) {
        return WebhookResult.of(switch (insert) {
            case DUPLICATE -> WebhookResult.Kind.DUPLICATE;
            case CONFLICT -> WebhookResult.Kind.CONFLICT;
            case INSERTED -> switch (applier.apply(a.webhook(), group)) {
                case APPLIED -> WebhookResult.Kind.APPLIED;
                case STALE -> WebhookResult.Kind.STALE;
                case UNHANDLED -> WebhookResult.Kind.UNHANDLED;
            };
        });
    }

    /** A webhook id accepted before answers as such; otherwise the rejected request is kept. */
    private WebhookResult reject(Reject r) {
        Boolean sameBody = inbox.acceptedWith(r.webhookId(), r.sha256());
        if (sameBody != null) {
            return WebhookResult.of(sameBody ? WebhookResult.Kind.DUPLICATE : WebhookResult.Kind.CONFLICT);
        }
        RejectedRequest row = new RejectedRequest();
        row.webhookId = r.webhookId();
        row.receivedAt = r.receivedAt();
        row.bodySha256 = r.sha256();
        row.rawBody = r.body();
        row.errors = OutboundJson.write(r.errors());
        row.visitorKey = r.visitorKey();
        em.persist(row);
        return new WebhookResult(WebhookResult.Kind.INVALID, r.errors());
    }

    /**
     * Serialises each visitor's transactions across writers and replicas, taking the locks in one
     * global order so that groups cannot deadlock on them. It also makes a visitor's outbox ids
     * follow its commit order, which the relay relies on. A group with accepted webhooks takes the
     * same locks in its inbox insert instead.
     */
    private void lockVisitors(String[] keys) {
        if (keys.length == 0) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(Inbox.VISITOR_LOCKS)) {
                ps.setArray(1, connection.createArrayOf("text", keys));
                ps.executeQuery().close();
            }
        });
    }
}
