package io.cobrowse.ingest.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses start-up, naming each variable, when a number or a duration lies outside what the service can work with:
 * otherwise zero writer threads would leave every webhook unanswered while health stays up, a body limit of 0 would
 * refuse every webhook, a lease of 0 would keep the relay from leading, and so on. Runs before any background loop
 * starts. The secrets, the keys and the retention periods are checked where they are read.
 */
@ApplicationScoped
public class SettingsCheck {

    /** The HTTP server's own limit (quarkus.http.limits.max-body-size), which answers without a problem body. */
    static final int HTTP_BODY_LIMIT = 16 * 1024 * 1024;

    /** Each writer holds one of the datasource pool's 20 connections while it commits; the API needs some too. */
    static final int MAX_WRITER_THREADS = 16;

    void checkAtStartup(@Observes @Priority(1) StartupEvent ignored, IngestConfig config) {
        List<String> found = problems(config);
        if (!found.isEmpty()) {
            throw new IllegalStateException("invalid settings: " + String.join("; ", found));
        }
    }

    /** What is wrong with the settings, one line per variable; empty when nothing is. */
    public static List<String> problems(IngestConfig c) {
        Found check = new Found();
        IngestConfig.Webhook webhook = c.webhook();
        check.between("COBROWSE_WEBHOOK_MAX_BODY_BYTES", webhook.maxBodyBytes(), 1, HTTP_BODY_LIMIT);
        check.between("COBROWSE_WEBHOOK_REJECTED_MAX_COUNT", webhook.rejectedMaxCount(), 0, Integer.MAX_VALUE);
        check.positive("COBROWSE_WEBHOOK_REJECTED_MAX_AGE", webhook.rejectedMaxAge());
        check.between("COBROWSE_WEBHOOK_RETRY_AFTER_SECONDS", webhook.retryAfterSeconds(), 1, 3600);
        IngestConfig.Topics topics = c.topics();
        check.between("COBROWSE_TOPICS_PARTITIONS", topics.partitions(), 1, 10_000);
        check.between("COBROWSE_TOPICS_REPLICATION_FACTOR", topics.replicationFactor(), 1, Short.MAX_VALUE);
        check.between(
                "COBROWSE_TOPICS_MIN_INSYNC_REPLICAS",
                topics.minInsyncReplicas(),
                1,
                Math.max(1, topics.replicationFactor()));
        check.between("COBROWSE_TOPICS_MAX_MESSAGE_BYTES", topics.maxMessageBytes(), 1024, Integer.MAX_VALUE);
        check.positive("COBROWSE_TOPICS_SESSIONS_RETENTION", topics.sessionsRetention());
        check.positive("COBROWSE_TOPICS_MAX_COMPACTION_LAG", topics.maxCompactionLag());
        check.positive("COBROWSE_TOPICS_SEGMENT_ROLL", topics.segmentRoll());
        check.positive("COBROWSE_TOPICS_TOMBSTONE_RETENTION", topics.tombstoneRetention());
        check.positive("COBROWSE_TOPICS_CHECK_INTERVAL", topics.checkInterval());
        IngestConfig.Relay relay = c.relay();
        check.between("COBROWSE_RELAY_BATCH_SIZE", relay.batchSize(), 1, 100_000);
        check.atLeast("COBROWSE_RELAY_ROUND_INTERVAL", relay.roundInterval(), Duration.ZERO);
        check.positive("COBROWSE_RELAY_POLL_INTERVAL", relay.pollInterval());
        check.positive("COBROWSE_RELAY_MAX_BACKOFF", relay.maxBackoff());
        check.positive("COBROWSE_RELAY_SEND_TIMEOUT", relay.sendTimeout());
        // renewed three times per lease, at most once a second
        check.atLeast("COBROWSE_RELAY_LEASE", relay.lease(), Duration.ofSeconds(3));
        check.positive("COBROWSE_RELAY_PARKED_RETRY_INTERVAL", relay.parkedRetryInterval());
        IngestConfig.Writer writer = c.writer();
        check.between("COBROWSE_WRITER_THREADS", writer.threads(), 1, MAX_WRITER_THREADS);
        check.between("COBROWSE_WRITER_MAX_BATCH", writer.maxBatch(), 1, 1000);
        check.between("COBROWSE_WRITER_QUEUE_CAPACITY", writer.queueCapacity(), 1, Integer.MAX_VALUE);
        check.between("COBROWSE_WRITER_QUEUE_MAX_BYTES", writer.queueMaxBytes(), 1, Long.MAX_VALUE);
        check.atLeast("COBROWSE_WRITER_COMMIT_TIMEOUT", writer.commitTimeout(), Duration.ofSeconds(1));
        check.positive("COBROWSE_HEALTH_LOOP_STALE_AFTER", c.health().loopStaleAfter());
        check.between("COBROWSE_REJECTIONS_BUFFER_MAX_COUNT", c.rejections().bufferMaxCount(), 1, Integer.MAX_VALUE);
        check.between("COBROWSE_REJECTIONS_BUFFER_MAX_BYTES", c.rejections().bufferMaxBytes(), 1, Long.MAX_VALUE);
        JobSettings jobs = c.jobs();
        check.between("COBROWSE_JOBS_REPLAY_STEP_RECORDS", jobs.replayStepRecords(), 1, 100_000);
        check.between("COBROWSE_JOBS_STEP_BYTES", jobs.stepBytes(), 1, Long.MAX_VALUE);
        check.between("COBROWSE_JOBS_REPROCESSING_STEP_WEBHOOKS", jobs.reprocessingStepWebhooks(), 1, 1000);
        check.positive("COBROWSE_JOBS_POLL_INTERVAL", jobs.pollInterval());
        check.atLeast("COBROWSE_JOBS_STEP_TIMEOUT", jobs.stepTimeout(), Duration.ofSeconds(1));
        return List.copyOf(check.problems);
    }

    private static final class Found {
        private final List<String> problems = new ArrayList<>();

        private void between(String variable, long value, long min, long max) {
            if (value < min || value > max) {
                problems.add(variable + " must be "
                        + (max == Integer.MAX_VALUE || max == Long.MAX_VALUE
                                ? "at least " + min
                                : "between " + min + " and " + max)
                        + ", not " + value);
            }
        }

        private void positive(String variable, Duration value) {
            if (value.isZero() || value.isNegative()) {
                problems.add(variable + " must be a positive duration, not " + value);
            }
        }

        private void atLeast(String variable, Duration value, Duration min) {
            if (value.compareTo(min) < 0) {
                problems.add(variable + " must be at least " + min + ", not " + value);
            }
        }
    }
}
