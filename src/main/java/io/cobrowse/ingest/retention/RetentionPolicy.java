package io.cobrowse.ingest.retention;

import io.cobrowse.ingest.config.IngestConfig;
import io.cobrowse.ingest.config.RetentionSettings;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The retention periods, checked at start-up: a period that is zero or negative would delete what was just
 * accepted, so it stops the service with a message naming the variable.
 */
@Startup
@Singleton
public class RetentionPolicy {

    private static final Logger LOG = Logger.getLogger(RetentionPolicy.class);

    private final Duration rawBodies;
    private final Duration webhooks;
    private final Duration published;

    @Inject
    public RetentionPolicy(IngestConfig config) {
        this(config.retention());
    }

    RetentionPolicy(RetentionSettings settings) {
        this.rawBodies = positive(settings.rawBodies(), "COBROWSE_RETENTION_RAW_BODIES");
        this.webhooks = positive(settings.webhooks(), "COBROWSE_RETENTION_WEBHOOKS");
        // set by either name: an operator who still uses the former one looks for it in the message
        this.published = positive(
                settings.published(), "COBROWSE_RETENTION_PUBLISHED (or its former name COBROWSE_RELAY_CLEANUP_AFTER)");
        if (rawBodies.compareTo(webhooks) > 0) {
            // allowed: shortening the dedupe window alone must not stop a deployment; the body cannot outlive its row
            LOG.warnf(
                    "COBROWSE_RETENTION_RAW_BODIES (%s) is longer than COBROWSE_RETENTION_WEBHOOKS (%s): raw bodies"
                            + " go with their webhook rows, after %s",
                    rawBodies, webhooks, webhooks);
        }
    }

    private static Duration positive(Duration value, String variable) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalStateException(
                    variable + " must be a positive duration (ISO 8601, such as P7D or PT12H)," + " not " + value);
        }
        return value;
    }

    /** How long the given kind of row is kept. */
    public Duration of(Retained kind) {
        return switch (kind) {
            case RAW_BODIES -> rawBodies;
            case WEBHOOKS -> webhooks;
            case PUBLISHED -> published;
        };
    }
}
