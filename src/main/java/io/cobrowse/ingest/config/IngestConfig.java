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

        /** How many rejected (400) requests are kept for inspection, at most. */
        @WithDefault("1000")
        int rejectedMaxCount();

        /** How long rejected requests are kept. */
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
    }

    interface Relay {
        @WithDefault("true")
        boolean enabled();

        /** Rows published per round. */
        @WithDefault("500")
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

        /** Published rows are deleted after this long. */
        @WithDefault("P1D")
        Duration cleanupAfter();

        /** How long one send may wait for Kafka's acknowledgement before the round is retried. */
        @WithDefault("30S")
        Duration sendTimeout();
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
