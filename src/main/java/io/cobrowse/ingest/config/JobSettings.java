package io.cobrowse.ingest.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Replays and reprocessings, the operator's background jobs ({@code cobrowse.jobs}). */
public interface JobSettings {

    /**
     * Outbox records a replay copies in one transaction, at most. The transaction holds the advisory locks of
     * the visitors it copies, so webhooks of those visitors wait for it: larger steps copy faster and delay
     * those webhooks longer.
     */
    @WithDefault("1000")
    int replayStepRecords();

    /**
     * Bytes a step reads at most: the payloads a replay copies, the raw bodies a reprocessing applies (a single
     * larger one still goes alone).
     */
    @WithDefault("8388608")
    long stepBytes();

    /** Stored webhooks a reprocessing hands to the writers at once. */
    @WithDefault("64")
    int reprocessingStepWebhooks();

    /**
     * How often an idle replica looks for jobs started elsewhere, and how often a replay that has copied
     * everything checks whether the relay has published it all.
     */
    @WithDefault("1S")
    Duration pollInterval();

    /** The longest a job's step may take before its transaction is rolled back (and the step tried again). */
    @WithDefault("2M")
    Duration stepTimeout();
}
