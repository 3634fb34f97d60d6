package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.lifecycle.BackgroundLoop;
import io.cobrowse.ingest.lifecycle.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the topics when they are missing, in the background and retrying while Kafka is away:
 * start-up never waits for Kafka. Off where topics are managed as resources (Strimzi).
 */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final IngestConfig.Topics topics;
    private final String bootstrapServers;
    private volatile boolean done;
    private volatile BackgroundLoop loop;

    public TopicSetup(IngestConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.topics = config.topics();
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent ignored) {
        if (!topics.create()) {
            done = true;
            return;
        }
        loop = BackgroundLoop.start("topic-setup", this::createUntilDone);
    }

    /** Nothing here is worth waiting for at shutdown: the next start sets the topics up again. */
    void stop(@Observes ShutdownEvent ignored) {
        BackgroundLoop l = loop;
        if (l != null) {
            l.stop(Duration.ZERO);
        }
    }

    public boolean done() {
        return done;
    }

    /**
     * The topics as the configuration wants them. Both roll a segment at least hourly and the visitors topic
     * is compacted within its lag and drops tombstones after a day (by default): only closed segments are
     * cleaned, so without these an erased visitor's old values would stay until a segment filled or a week
     * passed.
     */
    public List<NewTopic> wanted() {
        String minInsync = String.valueOf(topics.minInsyncReplicas());
        String maxBytes = String.valueOf(topics.maxMessageBytes());
        String segment = String.valueOf(topics.segmentRoll().toMillis());
        NewTopic visitors = new NewTopic(topics.visitors(), topics.partitions(), topics.replicationFactor())
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes,
                        TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
                                String.valueOf(topics.maxCompactionLag().toMillis()),
                        TopicConfig.SEGMENT_MS_CONFIG, segment,
                        TopicConfig.DELETE_RETENTION_MS_CONFIG,
                                String.valueOf(topics.tombstoneRetention().toMillis())));
        NewTopic sessions = new NewTopic(topics.sessions(), topics.partitions(), topics.replicationFactor())
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(topics.sessionsRetention().toMillis()),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes,
                        TopicConfig.SEGMENT_MS_CONFIG, segment));
        return List.of(visitors, sessions);
    }

    private void createUntilDone(BackgroundLoop loop) throws InterruptedException {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        Map<String, Object> props = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                15000);
        while (!done && loop.running()) {
            try (Admin admin = Admin.create(props)) {
                Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
                List<NewTopic> missing = wanted().stream()
                        .filter(t -> !existing.contains(t.name()))
                        .toList();
                for (NewTopic topic : missing) {
                    try {
                        admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
                        LOG.infof("created Kafka topic %s", topic.name());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                done = true;
                // finished, not failed: liveness no longer watches this loop
                loop.requestStop();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                Duration pause = backoff.next();
                LOG.warnf(
                        "Kafka topics not set up yet (%s); retrying in %ds",
                        e.getClass().getSimpleName(), pause.toSeconds());
                Thread.sleep(pause.toMillis());
            }
        }
    }
}
