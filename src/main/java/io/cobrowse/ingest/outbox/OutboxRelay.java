package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.lifecycle.BackgroundLoop;
import io.cobrowse.ingest.lifecycle.Backoff;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in id order and marks them published only after Kafka acknowledged
 * them. One relay per cluster publishes at a time (a session advisory lock on a dedicated connection),
 * so a visitor's events leave in order even with several replicas; after a failed send it restarts
 * from the oldest unpublished row. LISTEN/NOTIFY wakes it at once; a poll is the safety net. Nothing
 * is published before the topics are set up and checked ({@link TopicSetup#ready()}).
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "cobrowse-events";
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Emitter<Record<String, String>> emitter;
    private final IngestConfig.Relay settings;
    private final OutboxMetrics metrics;
    private final TopicSetup topics;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private volatile BackgroundLoop loop;

    public OutboxRelay(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                    Emitter<Record<String, String>> emitter,
            IngestConfig config,
            OutboxMetrics metrics,
            TopicSetup topics,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "") String username,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password) {
        this.emitter = emitter;
        this.settings = config.relay();
        this.metrics = metrics;
        this.topics = topics;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    void onStart(@Observes StartupEvent ignored) {
        if (settings.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent ignored) {
        stop();
    }

    void start() {
        loop = BackgroundLoop.start("outbox-relay", this::run);
    }

    /** Stops after the batch in flight. */
    void stop() {
        BackgroundLoop l = loop;
        if (l != null) {
            l.stop(settings.sendTimeout().plusSeconds(5));
        }
    }

    private void run(BackgroundLoop loop) throws InterruptedException {
        Backoff backoff = new Backoff(Duration.ofMillis(200), settings.maxBackoff());
        while (loop.running()) {
            try (RelayConnection c = RelayConnection.open(jdbcUrl, username, password)) {
                metrics.leader(false);
                while (loop.running() && !c.tryLead(settings.leaderLock())) {
                    sleep(settings.pollInterval().multipliedBy(2));
                }
                if (!loop.running()) {
                    return;
                }
                metrics.leader(true);
                c.listen();
                backoff.reset();
                while (loop.running()) {
                    if (!topics.ready()) {
                        // a topic missing or not compacted: publishing could have it created with a broker's
                        // defaults, or keep erased visitors' data; nothing goes out until the check passes
                        c.awaitNotification(settings.pollInterval());
                        continue;
                    }
                    long roundStart = System.nanoTime();
                    List<OutboxRow> rows = c.fetch(settings.batchSize());
                    if (rows.isEmpty()) {
                        c.awaitNotification(settings.pollInterval());
                        continue;
                    }
                    int published = publish(rows);
                    c.markPublished(rows.subList(0, published));
                    if (rows.size() < settings.batchSize()) {
                        // caught up: let the next commits gather, so a steady stream makes a few large
                        // rounds (one Kafka request, one update) instead of one small round per commit
                        sleep(settings.roundInterval().minusNanos(System.nanoTime() - roundStart));
                    }
                    if (published < rows.size()) {
                        // restart from the oldest unpublished row, after a pause
                        sleep(backoff.next());
                    } else {
                        backoff.reset();
                    }
                }
            } catch (SQLException e) {
                metrics.leader(false);
                LOG.warnf("outbox relay lost its database connection (%s); retrying", e.getSQLState());
                sleep(backoff.next());
            } catch (RuntimeException | Error e) {
                // anything unforeseen ends this round, not the relay: a new one starts, from the oldest
                // unpublished row, after a pause
                metrics.leader(false);
                LOG.errorf("outbox relay round failed (%s); starting a new one", e.getClass().getName());
                sleep(backoff.next());
            }
        }
    }

    /** Sends the rows and returns how many, from the first, Kafka acknowledged. */
    private int publish(List<OutboxRow> rows) throws InterruptedException {
        List<CompletableFuture<Void>> sent = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            CompletableFuture<Void> ack = new CompletableFuture<>();
            sent.add(ack);
            try {
                emitter.send(CloudEventMessages.of(row, ack));
            } catch (RuntimeException e) {
                ack.completeExceptionally(e);
                break;
            }
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        int acknowledged = 0;
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                metrics.published(rows.get(i));
                acknowledged = i + 1;
            } catch (ExecutionException | TimeoutException e) {
                metrics.failed();
                LOG.warnf(
                        "publishing to Kafka failed (%s); retrying from outbox id %d",
                        rootCause(e), rows.get(i).id());
                return acknowledged;
            }
        }
        return acknowledged;
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    private static void sleep(Duration d) {
        if (d.isNegative() || d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
