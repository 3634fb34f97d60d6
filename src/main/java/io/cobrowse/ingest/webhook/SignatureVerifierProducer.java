package io.cobrowse.ingest.webhook;

import io.cobrowse.ingest.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Builds the verifier from the configured secrets, and refuses to start without a usable one. */
public class SignatureVerifierProducer {

    /** HMAC-SHA256 keys shorter than this can be guessed; the platform's secrets are 24 bytes or more. */
    static final int MIN_KEY_BYTES = 16;

    /** A wider window lets a captured request be replayed for longer. */
    static final Duration MAX_TOLERANCE = Duration.ofHours(1);

    @Produces
    @Singleton
    SignatureVerifier verifier(IngestConfig config) {
        List<String> secrets =
                config.webhook().secrets().stream().filter(s -> !s.isBlank()).toList();
        if (secrets.isEmpty()) {
            throw new IllegalStateException("No webhook secret is configured: set COBROWSE_WEBHOOK_SECRETS to one or "
                    + "more comma-separated whsec_... secrets (the signing secrets of the co-browsing platform)");
        }
        for (int i = 0; i < secrets.size(); i++) {
            // named by position only: the message must not show the secret
            if (SignatureVerifier.decodeSecret(secrets.get(i)).length < MIN_KEY_BYTES) {
                throw new IllegalStateException("Webhook secret " + (i + 1) + " of COBROWSE_WEBHOOK_SECRETS is "
                        + "too short: its key (the base64 after whsec_) must decode to at least " + MIN_KEY_BYTES
                        + " bytes");
            }
        }
        Duration tolerance = config.webhook().tolerance();
        if (tolerance.compareTo(Duration.ofSeconds(1)) < 0 || tolerance.compareTo(MAX_TOLERANCE) > 0) {
            throw new IllegalStateException(
                    "COBROWSE_WEBHOOK_TOLERANCE must be between 1S and 1H (default 5M), " + "not " + tolerance);
        }
        return new SignatureVerifier(secrets, tolerance, Clock.systemUTC());
    }

    /** Creates the verifier at start-up, so a missing or malformed secret stops the service at once. */
    void checkAtStartup(@Observes StartupEvent ignored, SignatureVerifier verifier) {
        // the injection alone is the check
    }
}
