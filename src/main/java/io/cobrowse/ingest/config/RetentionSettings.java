package io.cobrowse.ingest.config;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long stored webhooks and published records are kept ({@code cobrowse.retention}). */
public interface RetentionSettings {

    /**
     * After this a webhook's raw body is dropped, whatever its status (COBROWSE_RETENTION_RAW_BODIES); its id,
     * SHA-256, type, status and times stay, so that a redelivery still answers as a duplicate. A reprocessing
     * reaches back this far.
     */
    @WithDefault("P7D")
    Duration rawBodies();

    /**
     * After this a webhook's row goes (COBROWSE_RETENTION_WEBHOOKS): the dedupe window. A row whose records
     * are not all published yet stays until they are.
     */
    @WithDefault("P30D")
    Duration webhooks();

    /**
     * After this published outbox records go (COBROWSE_RETENTION_PUBLISHED); replays read them until then. The
     * earlier name COBROWSE_RELAY_CLEANUP_AFTER still sets it (application.properties).
     */
    @WithDefault("P7D")
    Duration published();
}
