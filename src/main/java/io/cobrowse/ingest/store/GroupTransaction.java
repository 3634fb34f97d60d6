package io.cobrowse.ingest.store;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.domain.WebhookOutcome;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * One group's transaction: the visitors' locks, the inbox rows in one statement (new ones inserted,
 * reprocessed ones taken back), the state the events touch loaded at once, each event applied in order, the
 * outbox rows in one statement, the commit.
 */
@ApplicationScoped
public class GroupTransaction {

    private final EntityManager em;
    private final EventApplier applier;
    private final Inbox inbox;
    private final UnhandledInbox unhandled;
    private final OutboxWriter outbox;
    private final int timeoutSeconds;

    public GroupTransaction(
            EntityManager em,
            EventApplier applier,
            Inbox inbox,
            UnhandledInbox unhandled,
            OutboxWriter outbox,
            IngestConfig config) {
        this.em = em;
        this.applier = applier;
        this.inbox = inbox;
        this.unhandled = unhandled;
        this.outbox = outbox;
        this.timeoutSeconds = (int) Math.max(1, config.writer().commitTimeout().toSeconds());
    }

    /**
     * Commits the group and returns each webhook's result, in order. {@code locked} runs as soon as the
     * group holds its visitors' locks: a later group that shares a visitor waits for this one's commit.
     */
    List<WebhookResult> commit(List<Work> batch, Runnable locked) {
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(() -> {
            String[] visitorKeys = batch.stream()
                    .map(Work::visitorKey)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toArray(String[]::new);
            List<IncomingWebhook> accepted = batch.stream()
                    .filter(Work.Accept.class::isInstance)
                    .map(w -> ((Work.Accept) w).webhook())
                    .toList();
            List<IncomingWebhook> reprocessed = batch.stream()
                    .filter(Work.Reprocess.class::isInstance)
                    .map(w -> ((Work.Reprocess) w).webhook())
                    .toList();
            List<WebhookOutcome> inserts = List.of();
            if (!accepted.isEmpty()) {
                // the inbox insert takes the visitors' locks first and writes the agents, in the same round trip
                inserts = inbox.insertAll(accepted, visitorKeys);
            }
            // so does the statement that takes unhandled webhooks back (the locks again, at no cost)
            Set<String> reclaimed = reprocessed.isEmpty() ? Set.of() : unhandled.reclaim(reprocessed, visitorKeys);
            if (accepted.isEmpty() && reprocessed.isEmpty()) {
                inbox.lockVisitors(visitorKeys);
            }
            locked.run();
            List<IncomingWebhook> toApply = new ArrayList<>(batch.size());
            int inserted = 0;
            for (Work w : batch) {
                if (w instanceof Work.Accept a && !inserts.get(inserted++).isRedelivery()) {
                    toApply.add(a.webhook());
                } else if (w instanceof Work.Reprocess r
                        && reclaimed.contains(r.webhook().webhookId())) {
                    toApply.add(r.webhook());
                }
            }
            CommitGroup group = CommitGroup.load(em, toApply);
            Set<String> toReapply = new HashSet<>(reclaimed);
            List<WebhookResult> results = new ArrayList<>(batch.size());
            int next = 0;
            for (Work w : batch) {
                if (w instanceof Work.Accept a) {
                    results.add(accept(a, inserts.get(next++), group));
                } else if (w instanceof Work.Reprocess r) {
                    // applied once, should the same webhook be in the group twice
                    results.add(WebhookResult.of(
                            toReapply.remove(r.webhook().webhookId())
                                    ? applier.apply(r.webhook(), group)
                                    : WebhookOutcome.DUPLICATE));
                } else {
                    results.add(reject((Work.Reject) w));
                }
            }
            group.persistCreated();
            outbox.insert(group.outbox());
            em.flush();
            // keep this last: the commit does not check the entities again, so a change made after it is not written
            em.unwrap(Session.class).setHibernateFlushMode(FlushMode.MANUAL);
            return results;
        });
    }

    /** A redelivery's answer is decided by the inbox; a new webhook's by applying it. */
    private WebhookResult accept(Work.Accept a, WebhookOutcome inserted, CommitGroup group) {
        return WebhookResult.of(inserted.isRedelivery() ? inserted : applier.apply(a.webhook(), group));
    }

    /**
     * A webhook id accepted before answers as such; otherwise the webhook is invalid. The refused request itself is
     * kept by the caller outside this transaction (see the rejection package), written in batches.
     */
    private WebhookResult reject(Work.Reject r) {
        Boolean sameBody = inbox.acceptedWith(r.webhookId(), r.sha256());
        if (sameBody != null) {
            return WebhookResult.of(sameBody ? WebhookOutcome.DUPLICATE : WebhookOutcome.CONFLICT);
        }
        return new WebhookResult(WebhookOutcome.INVALID, r.errors());
    }
}
