package io.cobrowse.ingest.jobs;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.config.JobSettings;
import io.cobrowse.ingest.domain.OperatorJob;
import io.cobrowse.ingest.domain.OutboxEvent;
import io.cobrowse.ingest.jobs.ReplayRecord.KafkaKey;
import io.cobrowse.ingest.store.Inbox;
import io.cobrowse.ingest.store.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A replay, one step at a time in the caller's transaction. It copies published outbox rows (same webhook
 * id, topic, key, CloudEvent attributes and payload; replay_id set) so that the relay sends them again the
 * way it sends live rows: each visitor's copies are written under that visitor's advisory lock, the one the
 * writers take, so they take their place in the visitor's id order like a commit of theirs; after a
 * visitor's copies, a copy of the newest row of each topic's key they touched, so that a compacted topic
 * ends on the key's latest record again (its tombstone if the visitor was erased). A visitor erased since
 * has the records the erasure covers copied without personal data, scrubbed the way the erasure scrubs,
 * whether or not the clean-up after the erasure has reached the originals yet.
 */
@ApplicationScoped
public class ReplayJob {

    private final ReplayPlan plan;
    private final ReplayRecords records;
    private final Inbox inbox;
    private final OutboxWriter outbox;
    private final JobSettings settings;

    public ReplayJob(ReplayPlan plan, ReplayRecords records, Inbox inbox, OutboxWriter outbox, IngestConfig config) {
        this.plan = plan;
        this.records = records;
        this.inbox = inbox;
        this.outbox = outbox;
        this.settings = config.jobs();
    }

    StepOutcome step(OperatorJob job) {
        ReplayProgress progress = ReplayProgress.of(job.progress);
        if (progress == null) {
            plan.plan(job.id, ReplayRequest.of(job.request));
            job.progress = ReplayProgress.copying().json();
            return StepOutcome.WORKED;
        }
        if (progress.stillCopying()) {
            job.progress = copy(job, ReplayRequest.of(job.request), progress).json();
            return StepOutcome.WORKED;
        }
        long unpublished = records.unpublished(job.id);
        job.recordsDone = job.recordsTotal - unpublished;
        if (unpublished > 0) {
            return StepOutcome.WAITING;
        }
        // retention deletes published copies later: the counts stay as they are now
        job.status = OperatorJob.DONE;
        job.finishedAt = Instant.now();
        return StepOutcome.WORKED;
    }

    /** Drops what is left to copy of a replay that failed. */
    void abandon(OperatorJob job) {
        plan.drop(job.id);
    }

    private ReplayProgress copy(OperatorJob job, ReplayRequest request, ReplayProgress progress) {
        List<String> keys = plan.next(job.id, settings.replayStepRecords()).stream()
                .map(ReplayPlan.PlannedKey::visitorKey)
                .toList();
        if (keys.isEmpty()) {
            return ReplayProgress.publishing();
        }
        // held until the commit: no writer's transaction of these visitors interleaves with their copies
        inbox.lockVisitors(keys.toArray(String[]::new));
        List<ReplayRecord> read = records.window(
                request,
                keys,
                progress.partialKey(),
                progress.afterId(),
                settings.replayStepRecords() + 1,
                settings.stepBytes());
        CopyBatch batch = CopyBatch.of(keys, read, settings.replayStepRecords());
        Map<String, Set<KafkaKey>> touched = touched(batch, progress);
        Map<KafkaKey, Long> lastCopied = new HashMap<>();
        batch.taken().forEach(r -> lastCopied.put(r.key(), r.id()));
        Map<KafkaKey, ReplayRecord> newest = new HashMap<>();
        records.newest(batch.complete().stream().filter(touched::containsKey).toList())
                .forEach(r -> newest.put(r.key(), r));
        Map<String, List<ReplayRecord>> byVisitor = new HashMap<>();
        batch.taken().forEach(r -> byVisitor
                .computeIfAbsent(r.visitorKey(), k -> new ArrayList<>())
                .add(r));
        Set<String> complete = Set.copyOf(batch.complete());
        List<OutboxEvent> copies = new ArrayList<>();
        Instant now = Instant.now();
        for (String key : keys) {
            byVisitor.getOrDefault(key, List.of()).forEach(r -> copies.add(copyOf(r, job, now)));
            if (complete.contains(key)) {
                // ends each topic's key on its latest record, unless the last copy is that record already
                touched.getOrDefault(key, Set.of()).stream()
                        .map(newest::get)
                        .filter(n -> n != null && !Long.valueOf(n.id()).equals(lastCopied.get(n.key())))
                        .sorted((a, b) -> Long.compare(a.id(), b.id()))
                        .forEach(n -> copies.add(copyOf(n, job, now)));
            }
        }
        job.recordsTotal += copies.size();
        outbox.insert(copies);
        plan.done(job.id, batch.complete());
        if (batch.partialKey() == null) {
            return ReplayProgress.copying();
        }
        List<List<String>> partialTouched = touched.getOrDefault(batch.partialKey(), Set.of()).stream()
                .map(k -> List.of(k.topic(), k.messageKey()))
                .toList();
        return new ReplayProgress(ReplayProgress.COPYING, batch.partialKey(), batch.afterId(), partialTouched);
    }

    /** Per visitor, the topics' keys copied: by this step, and by earlier ones for a visitor left partial. */
    private static Map<String, Set<KafkaKey>> touched(CopyBatch batch, ReplayProgress progress) {
        Map<String, Set<KafkaKey>> touched = new HashMap<>();
        if (progress.partialKey() != null) {
            progress.touched().forEach(t -> touched.computeIfAbsent(progress.partialKey(), k -> new LinkedHashSet<>())
                    .add(new KafkaKey(progress.partialKey(), t.get(0), t.get(1))));
        }
        batch.taken().forEach(r -> touched.computeIfAbsent(r.visitorKey(), k -> new LinkedHashSet<>())
                .add(r.key()));
        return touched;
    }

    private OutboxEvent copyOf(ReplayRecord r, OperatorJob job, Instant now) {
        OutboxEvent e = new OutboxEvent();
        e.webhookId = r.webhookId();
        e.topic = r.topic();
        e.messageKey = r.messageKey();
        e.ceType = r.ceType();
        e.ceSubject = r.ceSubject();
        e.ceTime = r.ceTime();
        e.payload = r.erased() ? outbox.scrubbed(r.topic(), r.payload()) : r.payload();
        e.visitorKey = r.visitorKey();
        e.createdAt = now;
        e.replayId = job.id;
        return e;
    }
}
