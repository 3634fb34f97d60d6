package io.cobrowse.ingest.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses start-up, naming each variable, when a number or a duration lies outside what the service can work with:
 * otherwise zero writer threads would leave every webhook unanswered while health stays up, a body limit of 0 would
 * refuse every webhook, a lease of 0 would keep the relay from leading, and so on. Runs before the service's own
 * background loops start. The secrets, the keys, the signature tolerance and the retention periods are checked where
 * they are read.
 */
@ApplicationScoped
public class SettingsCheck {

    /** Connections of the datasource pool that the writers leave to the API, retention, jobs and erasure clean-up. */
    static final int CONNECTIONS_FOR_THE_REST = 4;

    private final long httpBodyLimit;
    private final int poolSize;

    /**
     * @param httpBodyLimit the HTTP server's own limit, which answers without a problem body
     * @param poolSize the datasource pool's connections; a writer holds one while it commits
     */
    public SettingsCheck(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                    MemorySize httpBodyLimit,
            @ConfigProperty(name = "quarkus.datasource.jdbc.max-size", defaultValue = "20") int poolSize) {
        this.httpBodyLimit = httpBodyLimit.asLongValue();
        this.poolSize = poolSize;
    }

    void checkAtStartup(@Observes @Priority(1) StartupEvent ignored, IngestConfig config) {
        List<String> found = problems(config, httpBodyLimit, poolSize);
        if (!found.isEmpty()) {
            throw new IllegalStateException("invalid settings: " + String.join("; ", found));
        }
    }

    /** What is wrong with the settings, one line per variable; empty when nothing is. */
    public static List<String> problems(IngestConfig c, long httpBodyLimit, int poolSize) {
        Found check = new Found();
        IngestConfig.Webhook webhook = c.webhook();
        check.between("COBROWSE_WEBHOOK_MAX_BODY_BYTES", webhook.maxBodyBytes(), 1, httpBodyLimit);
        check.atLeast("COBROWSE_WEBHOOK_REJECTED_MAX_COUNT", webhook.rejectedMaxCount(), 0);
        check.positive("COBROWSE_WEBHOOK_REJECTED_MAX_AGE", webhook.rejectedMaxAge());
        check.between("COBROWSE_WEBHOOK_RETRY_AFTER_SECONDS", webhook.retryAfterSeconds(), 1, 3600);
        IngestConfig.Topics topics = c.topics();
        if (topics.create()) {
            // used only to create missing topics
            check.between("COBROWSE_TOPICS_PARTITIONS", topics.partitions(), 1, 10_000);
            check.between("COBROWSE_TOPICS_REPLICATION_FACTOR", topics.replicationFactor(), 1, Short.MAX_VALUE);
            check.require(
                    topics.minInsyncReplicas() >= 1 && topics.minInsyncReplicas() <= topics.replicationFactor(),
                    "COBROWSE_TOPICS_MIN_INSYNC_REPLICAS must be between 1 and COBROWSE_TOPICS_REPLICATION_FACTOR ("
                            + topics.replicationFactor() + "), not " + topics.minInsyncReplicas());
        }
        check.atLeast("COBROWSE_TOPICS_MAX_MESSAGE_BYTES", topics.maxMessageBytes(), 1024);
        check.positive("COBROWSE_TOPICS_SESSIONS_RETENTION", topics.sessionsRetention());
        check.positive("COBROWSE_TOPICS_MAX_COMPACTION_LAG", topics.maxCompactionLag());
        check.positive("COBROWSE_TOPICS_SEGMENT_ROLL", topics.segmentRoll());
        check.positive("COBROWSE_TOPICS_TOMBSTONE_RETENTION", topics.tombstoneRetention());
        check.positive("COBROWSE_TOPICS_CHECK_INTERVAL", topics.checkInterval());
        IngestConfig.Relay relay = c.relay();
        check.between("COBROWSE_RELAY_BATCH_SIZE", relay.batchSize(), 1, 100_000);
        check.atLeast("COBROWSE_RELAY_ROUND_INTERVAL", relay.roundInterval(), Duration.ZERO);
        check.positive("COBROWSE_RELAY_MAX_BACKOFF", relay.maxBackoff());
        check.positive("COBROWSE_RELAY_SEND_TIMEOUT", relay.sendTimeout());
        // renewed three times per lease, at most once a second
        Duration shortestLease = Duration.ofSeconds(3);
        check.atLeast("COBROWSE_RELAY_LEASE", relay.lease(), shortestLease);
        // an idle relay waits this long for a notification before it renews its leases (against a valid lease)
        Duration lease = relay.lease().compareTo(shortestLease) < 0 ? shortestLease : relay.lease();
        check.require(
                relay.pollInterval().toMillis() >= 1 && relay.pollInterval().compareTo(lease.dividedBy(3)) <= 0,
                "COBROWSE_RELAY_POLL_INTERVAL must be between 1 ms and a third of COBROWSE_RELAY_LEASE, not "
                        + relay.pollInterval());
        check.positive("COBROWSE_RELAY_PARKED_RETRY_INTERVAL", relay.parkedRetryInterval());
        IngestConfig.Writer writer = c.writer();
        check.between("COBROWSE_WRITER_THREADS", writer.threads(), 1, Math.max(1, poolSize - CONNECTIONS_FOR_THE_REST));
        check.between("COBROWSE_WRITER_MAX_BATCH", writer.maxBatch(), 1, 1000);
        check.atLeast("COBROWSE_WRITER_QUEUE_CAPACITY", writer.queueCapacity(), 1);
        check.atLeast("COBROWSE_WRITER_QUEUE_MAX_BYTES", writer.queueMaxBytes(), 1);
        check.atLeast("COBROWSE_WRITER_COMMIT_TIMEOUT", writer.commitTimeout(), Duration.ofSeconds(1));
        // a loop busy with one send or one commit, or waiting to poll, must not read as stuck
        Duration stale = c.health().loopStaleAfter();
        check.require(
                stale.compareTo(relay.sendTimeout()) > 0
                        && stale.compareTo(writer.commitTimeout()) > 0
                        && stale.compareTo(relay.pollInterval()) > 0,
                "COBROWSE_HEALTH_LOOP_STALE_AFTER must be longer than COBROWSE_RELAY_SEND_TIMEOUT,"
                        + " COBROWSE_WRITER_COMMIT_TIMEOUT and COBROWSE_RELAY_POLL_INTERVAL, not " + stale);
        check.atLeast("COBROWSE_REJECTIONS_BUFFER_MAX_COUNT", c.rejections().bufferMaxCount(), 1);
        check.atLeast("COBROWSE_REJECTIONS_BUFFER_MAX_BYTES", c.rejections().bufferMaxBytes(), 1);
        JobSettings jobs = c.jobs();
        check.between("COBROWSE_JOBS_REPLAY_STEP_RECORDS", jobs.replayStepRecords(), 1, 100_000);
        check.atLeast("COBROWSE_JOBS_STEP_BYTES", jobs.stepBytes(), 1);
        check.between("COBROWSE_JOBS_REPROCESSING_STEP_WEBHOOKS", jobs.reprocessingStepWebhooks(), 1, 1000);
        check.positive("COBROWSE_JOBS_POLL_INTERVAL", jobs.pollInterval());
        check.atLeast("COBROWSE_JOBS_STEP_TIMEOUT", jobs.stepTimeout(), Duration.ofSeconds(1));
        return List.copyOf(check.problems);
    }

    private static final class Found {
        private final List<String> problems = new ArrayList<>();

        private void require(boolean ok, String problem) {
            if (!ok) {
                problems.add(problem);
            }
        }

        private void between(String variable, long value, long min, long max) {
            require(
                    value >= min && value <= max,
                    variable + " must be between " + min + " and " + max + ", not " + value);
        }

        private void atLeast(String variable, long value, long min) {
            require(value >= min, variable + " must be at least " + min + ", not " + value);
        }

        private void positive(String variable, Duration value) {
            require(!value.isZero() && !value.isNegative(), variable + " must be a positive duration, not " + value);
        }

        private void atLeast(String variable, Duration value, Duration min) {
            require(value.compareTo(min) >= 0, variable + " must be at least " + min + ", not " + value);
        }
    }
}
