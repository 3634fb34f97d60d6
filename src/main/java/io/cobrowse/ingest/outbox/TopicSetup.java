package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.lifecycle.BackgroundLoop;
import io.cobrowse.ingest.lifecycle.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
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
import org.jboss.logging.Logger;

/**
 * Creates the topics when they are missing (unless they are managed as resources, as with Strimzi), then
 * checks them ({@link TopicCheck}) at start-up and every check interval, in the background and retrying
 * while Kafka is away: start-up never waits for Kafka. The relay publishes only while the last check found
 * nothing wrong; a check that cannot reach Kafka keeps the last verdict.
 */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private final IngestConfig.Topics topics;
    private final OutboxMetrics metrics;
    private final Map<String, Object> adminSettings;
    private volatile boolean checked;
    private volatile List<String> problems = List.of();
    private volatile BackgroundLoop loop;

    /** @param kafka the Kafka settings the channel gets too: {@code kafka.*} properties and KAFKA_* variables */
    public TopicSetup(
            IngestConfig config, OutboxMetrics metrics, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.topics = config.topics();
        this.metrics = metrics;
        this.adminSettings = adminSettings(kafka);
    }

    /**
     * The settings an admin client understands, so that it connects as the producer does (TLS, SASL), with time-outs
     * of its own. Others (the consumer group Quarkus adds) would only be logged as unknown.
     */
    static Map<String, Object> adminSettings(Map<String, Object> kafka) {
        Map<String, Object> settings = new HashMap<>();
        kafka.forEach((name, value) -> {
            if (AdminClientConfig.configNames().contains(name)) {
                settings.put(name, value);
            }
        });
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15000);
        return Map.copyOf(settings);
    }

    void start(@Observes StartupEvent ignored) {
        loop = BackgroundLoop.start("topic-setup", this::setUpAndCheck);
    }

    /** Nothing here is worth waiting for at shutdown: the next start sets the topics up again. */
    void stop(@Observes ShutdownEvent ignored) {
        BackgroundLoop l = loop;
        if (l != null) {
            l.stop(Duration.ZERO);
        }
    }

    /** Whether the topics are set up and the last check found nothing wrong: publishing may go ahead. */
    public boolean ready() {
        return checked && problems.isEmpty();
    }

    /** What the last check found wrong with the topics. */
    public List<String> problems() {
        return problems;
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
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                        minInsync,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        maxBytes,
                        TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG,
                        String.valueOf(topics.maxCompactionLag().toMillis()),
                        TopicConfig.SEGMENT_MS_CONFIG,
                        segment,
                        TopicConfig.DELETE_RETENTION_MS_CONFIG,
                        String.valueOf(topics.tombstoneRetention().toMillis())));
        NewTopic sessions = new NewTopic(topics.sessions(), topics.partitions(), topics.replicationFactor())
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG,
                                String.valueOf(topics.sessionsRetention().toMillis()),
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInsync,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes,
                        TopicConfig.SEGMENT_MS_CONFIG, segment));
        return List.of(visitors, sessions);
    }

    private void setUpAndCheck(BackgroundLoop loop) throws InterruptedException {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        while (loop.running()) {
            Duration pause;
            try (Admin admin = Admin.create(adminSettings)) {
                boolean created = topics.create() && createMissing(admin);
                List<String> found = TopicCheck.problems(admin, topics);
                // a topic just created takes a moment to show in every broker's metadata: not a problem to report
                for (int i = 0; created && !found.isEmpty() && i < 10 && loop.running(); i++) {
                    Thread.sleep(500);
                    found = TopicCheck.problems(admin, topics);
                }
                report(found);
                if (found.isEmpty()) {
                    backoff.reset();
                    pause = topics.checkInterval();
                } else {
                    // publication waits for a fix: look again soon rather than a whole interval later
                    Duration next = backoff.next();
                    pause = next.compareTo(topics.checkInterval()) < 0 ? next : topics.checkInterval();
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                pause = backoff.next();
                // what the broker answered (an authorization failure, a time-out), not the future's wrapper
                Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
                LOG.warnf(
                        "Kafka topics not %s (%s); retrying in %ds",
                        checked ? "checked again" : "set up yet",
                        cause.getClass().getSimpleName(),
                        pause.toSeconds());
            }
            long end = System.nanoTime() + pause.toNanos();
            while (loop.running() && System.nanoTime() - end < 0) {
                Thread.sleep(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        }
    }

    /** Creates the wanted topics that do not exist; true when it created one. */
    private boolean createMissing(Admin admin) throws Exception {
        boolean created = false;
        Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
        for (NewTopic topic : wanted()) {
            if (existing.contains(topic.name())) {
                continue;
            }
            try {
                admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
                LOG.infof("created Kafka topic %s", topic.name());
                created = true;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        return created;
    }

    private void report(List<String> found) {
        if (!found.equals(problems) || !checked) {
            found.forEach(p -> LOG.errorf("Kafka topic %s: nothing is published until this is fixed", p));
            if (found.isEmpty() && !problems.isEmpty()) {
                LOG.info("Kafka topics fixed: publishing goes on");
            }
        }
        problems = List.copyOf(found);
        checked = true;
        metrics.topicProblems(found.size());
    }
}
