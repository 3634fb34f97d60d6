package io.cobrowse.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Every setting of the service, under the {@code cobrowse} prefix (environment: {@code COBROWSE_...}). */
@ConfigMapping(prefix = "cobrowse")
public interface IngestConfig {

    Webhook webhook();

    Topics topics();

    Relay relay();

    Writer writer();

    Health health();

    ApiSettings api();

    RejectionSettings rejections();

    RetentionSettings retention();

    JobSettings jobs();

    interface Webhook {
        /**
         * Signing secrets in the {@code whsec_} format; several at once during a rotation. Required
         * (COBROWSE_WEBHOOK_SECRETS): the service refuses to start, before it connects to anything,
         * without one.
         */
        List<String> secrets();

        /** How far a webhook-timestamp may lie in the past or the future. */
        @WithDefault("5M")
        Duration tolerance();

        /** The largest body accepted, in bytes. */
        @WithDefault("1048576")
        int maxBodyBytes();

        /** How many refused requests (400, 401, 409, 413, 415) are kept for inspection, at most. */
        @WithDefault("1000")
        int rejectedMaxCount();

        /** How long refused requests are kept. */
        @WithDefault("P7D")
        Duration rejectedMaxAge();

        /** Seconds a sender is told to wait when the database is unavailable. */
        @WithDefault("5")
        int retryAfterSeconds();
    }

    interface Topics {
        @WithDefault("cobrowse.visitors.v1")
        String visitors();

        @WithDefault("cobrowse.sessions.v1")
        String sessions();

        /** Create missing topics at start-up (off where topics are managed as resources). */
        @WithDefault("true")
        boolean create();

        @WithDefault("6")
        int partitions();

        @WithDefault("1")
        short replicationFactor();

        @WithDefault("1")
        int minInsyncReplicas();

        @WithDefault("P7D")
        Duration sessionsRetention();

        /** Largest record the topics accept, kept in line with the producer's max.request.size. */
        @WithDefault("4194304")
        int maxMessageBytes();

        /**
         * The longest a visitor's superseded value (an erased visitor's personal data before its tombstone)
         * stays in the compacted visitors topic before compaction may remove it: its max.compaction.lag.ms.
         */
        @WithDefault("PT1H")
        Duration maxCompactionLag();

        /**
         * How often the created topics start a new segment (segment.ms). Only closed segments are compacted or
         * deleted, so this bounds how far past the compaction lag and the sessions' retention data can stay.
         */
        @WithDefault("PT1H")
        Duration segmentRoll();

        /**
         * How long the visitors topic keeps a tombstone after compaction (delete.retention.ms): a consumer that
         * is away for longer may miss an erasure and must read the topic again from the start.
         */
        @WithDefault("P1D")
        Duration tombstoneRetention();

        /**
         * How often the topics are checked again after start-up: a topic missing, or a visitors topic that is
         * not compacted, stops publication until it is fixed.
         */
        @WithDefault("1M")
        Duration checkInterval();
    }

    interface Relay {
        @WithDefault("true")
        boolean enabled();

        /**
         * Rows published per round at most. Each round has a cost of its own beside its rows', so a backlog
         * (after a Kafka outage) goes out faster in larger rounds, up to about this size (see the replay
         * benchmark); while the relay keeps up, a round holds only what came in since the last.
         */
        @WithDefault("2000")
        int batchSize();

        /**
         * The shortest time from one round of publishing to the next while the relay keeps up: what a
         * record waits at most for the next round, and what bounds the rounds per second. Each round costs
         * two statements and a Kafka request whatever its size, so fewer, larger rounds leave more of the
         * machine to the webhooks' commits.
         */
        @WithDefault("50MS")
        Duration roundInterval();

        /** The safety-net poll, for when a notification is missed. */
        @WithDefault("1S")
        Duration pollInterval();

        /** The longest back-off after failed sends. */
        @WithDefault("10S")
        Duration maxBackoff();

        /** How long one send may wait for Kafka's acknowledgement before the round is retried. */
        @WithDefault("30S")
        Duration sendTimeout();

        /**
         * The number of the relays' join lock; the 16 numbers after it are the partitions' locks (taken in the
         * two-number form, whose keys never meet the writers' one-number visitor locks). Replicas of one
         * cluster share it.
         */
        @WithDefault("7165053775805641573")
        long leaderLock();

        /**
         * A relay's lease on its partitions, renewed three times per lease. A relay that stopped renewing for
         * this long (its database connection dead without a close, say) is replaced, and by its own clock it
         * has stopped sending by then. Another replica publishes its partitions within about this plus the
         * producer's delivery.timeout.ms and max.block.ms.
         */
        @WithDefault("15S")
        Duration lease();

        /** How often a parked row (one Kafka refused for good) is sent again, to see whether it now goes through. */
        @WithDefault("1M")
        Duration parkedRetryInterval();
    }

    interface Health {
        /**
         * A background loop (relay, writer, topic set-up) that has not come round for this long is reported
         * as stuck by the liveness check. Generous: a database or Kafka call may take a minute to time out.
         */
        @WithDefault("5M")
        Duration loopStaleAfter();
    }

    interface Writer {
        /**
         * Threads committing grouped webhooks; each commit holds up to max-batch webhooks. They take
         * turns to gather: once one group holds its visitors' locks, the next gathers what arrived
         * meanwhile and starts, while the first loads, writes and commits. More threads let more groups
         * be at work at once; the benchmark figures are with two.
         */
        @WithDefault("2")
        int threads();

        @WithDefault("64")
        int maxBatch();

        /** Webhooks waiting for a commit, at most; beyond it the service answers 503. */
        @WithDefault("10000")
        int queueCapacity();

        /**
         * Bytes of the bodies waiting for a commit, at most; beyond it the service answers 503. Bodies of up
         * to max-body-bytes each would otherwise let a full queue hold gigabytes.
         */
        @WithDefault("67108864")
        long queueMaxBytes();

        /**
         * How long a webhook may wait for its commit: a group's transaction that runs longer is rolled back,
         * and a webhook still queued this long after its arrival is not written. Either answers 503 with
         * Retry-After; the sender's own time-out has likely passed by then.
         */
        @WithDefault("30S")
        Duration commitTimeout();
    }
}
