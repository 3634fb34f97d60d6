package io.cobrowse.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsCheckTest {

    /** The settings as the service reads them, from properties over the mapping's defaults. */
    private static IngestConfig config(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("cobrowse.webhook.secrets", "whsec_bG9jYWwtb25seS1jb2Jyb3dzZS1pbmdlc3Qtc2VjcmV0");
        return new SmallRyeConfigBuilder()
                .withMapping(IngestConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 500))
                .build()
                .getConfigMapping(IngestConfig.class);
    }

    /** As the service runs: an HTTP body limit of 16 MiB and a pool of 20 connections. */
    private static List<String> problems(Map<String, String> settings) {
        return SettingsCheck.problems(config(settings), 16 * 1024 * 1024, 20);
    }

    @Test
    void theDefaultsPass() {
        assertThat(problems(Map.of())).isEmpty();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
        // no writer: every webhook would wait for good while health stays up
        "cobrowse.writer.threads, 0, 'COBROWSE_WRITER_THREADS must be between 1 and 16, not 0'",
        // thousands of writers: more than the connections, and a shutdown that joins them for minutes
        "cobrowse.writer.threads, 10000, 'COBROWSE_WRITER_THREADS must be between 1 and 16, not 10000'",
        "cobrowse.writer.max-batch, 0, 'COBROWSE_WRITER_MAX_BATCH must be between 1 and 1000, not 0'",
        "cobrowse.writer.commit-timeout, 0S, 'COBROWSE_WRITER_COMMIT_TIMEOUT must be at least PT1S, not PT0S'",
        // every webhook refused as too large
        "cobrowse.webhook.max-body-bytes, -1, 'COBROWSE_WEBHOOK_MAX_BODY_BYTES must be between 1 and 16777216, not -1'",
        // above the HTTP server's own limit, which answers without a problem body
        "cobrowse.webhook.max-body-bytes, 100000000, 'COBROWSE_WEBHOOK_MAX_BODY_BYTES must be between 1 and 16777216'",
        // a relay that never leads
        "cobrowse.relay.lease, 0S, 'COBROWSE_RELAY_LEASE must be at least PT3S, not PT0S'",
        "cobrowse.relay.lease, -5S, 'COBROWSE_RELAY_LEASE must be at least PT3S, not PT-5S'",
        "cobrowse.relay.batch-size, 0, 'COBROWSE_RELAY_BATCH_SIZE must be between 1 and 100000, not 0'",
        // topics that could never be created
        "cobrowse.topics.partitions, 0, 'COBROWSE_TOPICS_PARTITIONS must be between 1 and 10000, not 0'",
        "cobrowse.topics.min-insync-replicas, 2, 'COBROWSE_TOPICS_MIN_INSYNC_REPLICAS must be between 1 and"
                + " COBROWSE_TOPICS_REPLICATION_FACTOR (1), not 2'",
        // an idle relay would renew its leases too late
        "cobrowse.relay.poll-interval, 6S, 'COBROWSE_RELAY_POLL_INTERVAL must be between 1 ms and a third of'",
        // a relay waiting on one send would read as stuck
        "cobrowse.health.loop-stale-after, 20S, 'COBROWSE_HEALTH_LOOP_STALE_AFTER must be longer than'",
        "cobrowse.jobs.replay-step-records, 0, 'COBROWSE_JOBS_REPLAY_STEP_RECORDS must be between 1 and 100000, not 0'"
    })
    void aSettingTheServiceCannotWorkWithIsNamedByItsVariable(String property, String value, String problem) {
        assertThat(problems(Map.of(property, value))).singleElement().asString().startsWith(problem);
    }

    @Test
    void topicSettingsAreLeftAloneWhereTheServiceCreatesNoTopics() {
        assertThat(problems(Map.of("cobrowse.topics.create", "false", "cobrowse.topics.partitions", "0")))
                .isEmpty();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThat(problems(Map.of("cobrowse.writer.threads", "0", "cobrowse.webhook.max-body-bytes", "0")))
                .hasSize(2);
    }
}
