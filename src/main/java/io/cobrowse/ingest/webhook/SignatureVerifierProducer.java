package io.cobrowse.ingest.webhook;

import io.cobrowse.ingest.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** Builds the verifier from the configured secrets, and refuses to start without a usable one. */
public class SignatureVerifierProducer {

    @Produces
    @Singleton
    SignatureVerifier verifier(IngestConfig config) {
        List<String> secrets =
                config.webhook().secrets().stream().filter(s -> !s.isBlank()).toList();
        if (secrets.isEmpty()) {
            throw new IllegalStateException("No webhook secret is configured: set COBROWSE_WEBHOOK_SECRETS to one or "
                    + "more comma-separated whsec_... secrets (the signing secrets of the co-browsing platform)");
        }
        return new SignatureVerifier(secrets, config.webhook().tolerance(), Clock.systemUTC());
    }

    /** Creates the verifier at start-up, so a missing or malformed secret stops the service at once. */
    void checkAtStartup(@Observes StartupEvent ignored, SignatureVerifier verifier) {
        // the injection alone is the check
    }
}
