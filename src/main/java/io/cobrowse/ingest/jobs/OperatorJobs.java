package io.cobrowse.ingest.jobs;

import io.cobrowse.ingest.domain.OperatorJob;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Starting the operator's jobs and reading how far they got, for the operator API. */
@ApplicationScoped
public class OperatorJobs {

    /** A replay as the API shows it; the counts are frozen once it is done. */
    public record ReplayStatus(UUID id, String status, long recordsTotal, long recordsPublished, String failure) {}

    /** A reprocessing as the API shows it; the counts are frozen once it is done. */
    public record ReprocessingStatus(
            UUID id,
            String status,
            long webhooksTotal,
            long webhooksDone,
            long webhooksLeftUnhandled,
            String failure) {}

    private final JobRunner runner;
    private final ReplayRecords replays;
    private final StoredWebhooks stored;

    public OperatorJobs(JobRunner runner, ReplayRecords replays, StoredWebhooks stored) {
        this.runner = runner;
        this.replays = replays;
        this.stored = stored;
    }

    public UUID startReplay(ReplayRequest request) {
        return start(OperatorJob.REPLAY, request.json());
    }

    public UUID startReprocessing(ReprocessingRequest request) {
        return start(OperatorJob.REPROCESSING, request.json());
    }

    /** Committed before the answer; any replica's runner may take it, this one is woken at once. */
    private UUID start(String kind, String request) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            OperatorJob job = new OperatorJob();
            job.id = id;
            job.kind = kind;
            job.status = OperatorJob.RUNNING;
            job.request = request;
            job.createdAt = Instant.now();
            job.updatedAt = job.createdAt;
            job.persist();
        });
        runner.wake();
        return id;
    }

    public Optional<ReplayStatus> replay(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> find(id, OperatorJob.REPLAY)
                .map(job -> new ReplayStatus(
                        job.id,
                        job.status,
                        job.recordsTotal,
                        OperatorJob.DONE.equals(job.status)
                                ? job.recordsDone
                                : job.recordsTotal - replays.unpublished(job.id),
                        job.failure)));
    }

    public Optional<ReprocessingStatus> reprocessing(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> find(id, OperatorJob.REPROCESSING).map(job -> {
                    ReprocessingProgress progress = ReprocessingProgress.of(job.progress);
                    if (!OperatorJob.RUNNING.equals(job.status) || progress == null) {
                        long left = progress == null ? 0 : progress.leftUnhandled();
                        return new ReprocessingStatus(
                                job.id, job.status, job.recordsTotal, job.recordsDone, left, job.failure);
                    }
                    ReprocessingRequest request = ReprocessingRequest.of(job.request);
                    StoredWebhooks.Counts counts = stored.counts(job, request, progress);
                    return new ReprocessingStatus(
                            job.id,
                            job.status,
                            job.recordsTotal,
                            job.recordsTotal - counts.remaining(),
                            counts.leftUnhandled(),
                            job.failure);
                }));
    }

    private static Optional<OperatorJob> find(UUID id, String kind) {
        OperatorJob job = OperatorJob.findById(id);
        return job != null && kind.equals(job.kind) ? Optional.of(job) : Optional.empty();
    }
}
