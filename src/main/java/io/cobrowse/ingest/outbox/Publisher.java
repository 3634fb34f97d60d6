package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.lifecycle.BackgroundLoop;
import io.smallrye.reactive.messaging.kafka.Record;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Hands a round's rows to the producer while the lease allows it, waits for Kafka's answers (renewing the
 * lease meanwhile) and sorts them into a {@link RoundResult}.
 */
final class Publisher {

    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Emitter<Record<String, String>> emitter;
    private final IngestConfig.Relay settings;
    private final OutboxMetrics metrics;
    private List<CompletableFuture<Void>> lastRound = List.of();

    Publisher(Emitter<Record<String, String>> emitter, IngestConfig.Relay settings, OutboxMetrics metrics) {
        this.emitter = emitter;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * @param alone how many of the first rows go out one at a time, each answered before the next is handed over:
     *     each in a producer batch of its own, so that a record the topic refuses for good is refused alone
     *     (parked) instead of failing again and again with its batch. The first answer that is neither an
     *     acknowledgement nor a refusal for good (Kafka or a partition away) ends this, and the rest go out at once.
     */
    RoundResult publish(List<OutboxRow> rows, int alone, Leadership lead, BackgroundLoop loop)
            throws SQLException, Leadership.LeaseLost, InterruptedException {
        List<CompletableFuture<Void>> sent = new ArrayList<>(rows.size());
        // set first: a wait below may throw, and the next leadership must then wait for these too
        lastRound = sent;
        // visitors whose row sent alone was not acknowledged: their later rows wait for the next round
        Set<String> held = new HashSet<>();
        int left = alone;
        for (OutboxRow row : rows) {
            if (!lead.mayHand()) {
                // fenced by this replica's own clock: a successor may be about to publish
                break;
            }
            if (held.contains(row.visitorKey())) {
                sent.add(CompletableFuture.failedFuture(new IllegalStateException("held back")));
                continue;
            }
            CompletableFuture<Void> ack = new CompletableFuture<>();
            sent.add(ack);
            try {
                emitter.send(CloudEventMessages.of(row, ack));
            } catch (RuntimeException e) {
                ack.completeExceptionally(e);
                break;
            }
            if (left > 0) {
                left--;
                awaitAnswers(List.of(ack), lead, loop);
                RoundResult.Outcome answer = outcome(ack);
                if (!answer.acknowledged()) {
                    held.add(row.visitorKey());
                }
                if ((!answer.acknowledged() && answer.refusedForGood() == null) || !loop.running()) {
                    // Kafka or a partition away, or the service stopping: one wait for the rest, not one each
                    left = 0;
                }
            }
        }
        awaitAnswers(sent, lead, loop);
        List<RoundResult.Outcome> outcomes = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            outcomes.add(i < sent.size() ? outcome(sent.get(i)) : RoundResult.Outcome.failed("NotSent"));
        }
        RoundResult result = RoundResult.of(rows, outcomes);
        result.published().forEach(metrics::published);
        if (result.failure() != null) {
            metrics.failed();
        }
        return result;
    }

    /** Whether everything handed to the producer has been answered (acknowledged or failed). */
    boolean idle() {
        return lastRound.stream().allMatch(CompletableFuture::isDone);
    }

    private void awaitAnswers(List<CompletableFuture<Void>> sent, Leadership lead, BackgroundLoop loop)
            throws SQLException, Leadership.LeaseLost, InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        while (!all.isDone() && System.nanoTime() < deadline) {
            try {
                all.get(Math.min(WAIT_SLICE_NANOS, Math.max(1, deadline - System.nanoTime())), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // sorted out below, row by row
            }
            loop.running();
            lead.renewIfDue();
        }
    }

    private static RoundResult.Outcome outcome(CompletableFuture<Void> ack) {
        if (!ack.isDone()) {
            return RoundResult.Outcome.failed("TimeoutException");
        }
        try {
            ack.getNow(null);
            return RoundResult.Outcome.ACKNOWLEDGED;
        } catch (RuntimeException e) {
            String forGood = KafkaRefusals.forGood(e);
            return forGood != null
                    ? RoundResult.Outcome.refused(forGood)
                    : RoundResult.Outcome.failed(KafkaRefusals.rootCause(e));
        }
    }
}
