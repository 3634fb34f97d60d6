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
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in id order and marks them published only after Kafka acknowledged
 * them. The replicas' relays share the partitions of the visitor key, one relay per partition at a time
 * ({@link Leadership}), so a visitor's events leave in order even with several replicas; a row that fails
 * is sent again, and the later rows of its visitor with it, while the other visitors' rows are done. A row
 * Kafka refuses for good is parked: it and the later rows of its visitor wait, and it is tried again now
 * and then. LISTEN/NOTIFY wakes the relay at
 * once; a poll is the safety net. Nothing is published before the topics are set up and checked.
 */
@ApplicationScoped
public class OutboxRelay {

    public static final String CHANNEL = "cobrowse-events";

    /** The outbox's partitions of the visitor key, which the relays share; relay_partition_lease has a row each. */
    public static final int PARTITIONS = 16;

    /**
     * Rows sent one at a time at the start of the round after a failed one (see publishWhileLeading): more than a
     * producer batch of small records holds, so that the rows that failed together come first and each goes alone.
     */
    static final int ALONE_AFTER_A_FAILURE = 64;

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Publisher publisher;
    private final IngestConfig.Relay settings;
    private final OutboxMetrics metrics;
    private final TopicSetup topics;
    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final Duration inFlight;
    private final String holder = UUID.randomUUID().toString();
    private final ParkedRowLog parkedLog = new ParkedRowLog();
    private volatile BackgroundLoop loop;

    /**
     * @param deliveryTimeoutMs and {@code maxBlockMs}: the producer's time-outs, which bound how long a record
     *     handed to it may still land (a new leader waits that long past the old leader's lease)
     */
    public OutboxRelay(
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                    Emitter<Record<String, String>> emitter,
            IngestConfig config,
            OutboxMetrics metrics,
            TopicSetup topics,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username", defaultValue = "") String username,
            @ConfigProperty(name = "quarkus.datasource.password", defaultValue = "") String password,
            @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".delivery.timeout.ms", defaultValue = "120000")
                    long deliveryTimeoutMs,
            @ConfigProperty(name = "mp.messaging.outgoing." + CHANNEL + ".max.block.ms", defaultValue = "60000")
                    long maxBlockMs) {
        this.settings = config.relay();
        this.publisher = new Publisher(emitter, settings, metrics);
        this.metrics = metrics;
        this.topics = topics;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.inFlight = Duration.ofMillis(deliveryTimeoutMs + maxBlockMs);
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
                metrics.partitionsLed(0);
                Leadership lead = new Leadership(c, settings, inFlight, holder, publisher::idle);
                if (!lead.join(loop)) {
                    return;
                }
                c.listen();
                backoff.reset();
                try {
                    publishWhileLeading(c, lead, loop, backoff);
                } finally {
                    metrics.partitionsLed(0);
                }
                lead.leave();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | Error e) {
                // the database, a lost lease, or anything unforeseen: a new round starts after a pause
                LOG.warnf("outbox relay stopped leading (%s); retrying", describe(e));
                Thread.sleep(backoff.next().toMillis());
            }
        }
    }

    private void publishWhileLeading(RelayConnection c, Leadership lead, BackgroundLoop loop, Backoff backoff)
            throws SQLException, Leadership.LeaseLost, InterruptedException {
        long nextParkedRetry = System.nanoTime();
        int alone = 0;
        while (loop.running()) {
            lead.renewIfDue();
            lead.balance();
            metrics.partitionsLed(lead.led());
            Integer[] partitions = lead.publishable();
            if (partitions.length == 0 || !topics.ready()) {
                // nothing to lead yet, or a topic missing or not compacted: publishing could create it
                // wrongly or keep erased data
                lead.sleep(settings.pollInterval(), loop);
                continue;
            }
            long roundStart = System.nanoTime();
            if (roundStart - nextParkedRetry >= 0) {
                nextParkedRetry = roundStart + settings.parkedRetryInterval().toNanos();
                retryParked(c, partitions, lead, loop);
            }
            List<OutboxRow> rows = c.fetch(partitions, settings.batchSize());
            if (rows.isEmpty()) {
                c.awaitNotification(settings.pollInterval());
                continue;
            }
            RoundResult result = publishFenced(c, rows, alone, lead, loop);
            // The producer splits a batch the broker finds too large only down to its batch size, so a record the
            // topic refuses for good can fail, batch after batch, with neighbours of other keys until the delivery
            // time-out. Those rows are the oldest left, so the next round's first rows go out alone, and such a
            // record is refused alone (parked) while the others go through.
            alone = result.failure() != null ? ALONE_AFTER_A_FAILURE : 0;
            if (rows.size() < settings.batchSize()) {
                // caught up: let the next commits gather, so a steady stream makes a few large
                // rounds (one Kafka request, one update) instead of one small round per commit
                lead.sleep(settings.roundInterval().minusNanos(System.nanoTime() - roundStart), loop);
            }
            if (result.failure() != null) {
                LOG.warnf(
                        "publishing to Kafka failed (%s); %d outbox rows will be sent again",
                        result.failure(), result.retried());
                lead.sleep(backoff.next(), loop);
            } else {
                backoff.reset();
            }
        }
    }

    /** Sends the oldest parked row of each visitor again: once one goes through, its visitor flows again. */
    private void retryParked(RelayConnection c, Integer[] partitions, Leadership lead, BackgroundLoop loop)
            throws SQLException, Leadership.LeaseLost, InterruptedException {
        List<OutboxRow> parked = c.fetchParked(partitions, settings.batchSize());
        if (parked.isEmpty()) {
            return;
        }
        // alone: a row still refused must not take the others down with it
        RoundResult result = publishFenced(c, parked, ALONE_AFTER_A_FAILURE, lead, loop);
        result.published().forEach(parkedLog::published);
        if (result.failure() != null) {
            LOG.warnf(
                    "sending parked outbox rows again failed (%s); they are tried again in %s",
                    result.failure(), settings.parkedRetryInterval());
        }
    }

    /**
     * One round under the erasure fence of its rows' visitors: nothing erased meanwhile leaves unstripped. With
     * the fetch, a round is three round trips to the database: fetch, fence, and mark with the fence released.
     */
    private RoundResult publishFenced(
            RelayConnection c, List<OutboxRow> fetched, int alone, Leadership lead, BackgroundLoop loop)
            throws SQLException, Leadership.LeaseLost, InterruptedException {
        List<OutboxRow> rows = c.fence(fetched);
        boolean released = false;
        try {
            RoundResult result = publisher.publish(rows, alone, lead, loop);
            park(c, result);
            c.markPublishedAndReleaseFence(result.published(), rows);
            released = true;
            return result;
        } finally {
            if (!released) {
                c.releaseFence(rows);
            }
        }
    }

    private void park(RelayConnection c, RoundResult result) throws SQLException {
        c.park(result.parked());
        result.parked().forEach(parkedLog::parked);
    }

    private static String describe(Throwable e) {
        return e instanceof SQLException sql
                ? "database, SQL state " + sql.getSQLState()
                : e.getClass().getSimpleName();
    }
}
