package io.cobrowse.ingest.webhook;

import io.cobrowse.ingest.domain.WebhookOutcome;
import io.cobrowse.ingest.event.ParsedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** Webhooks received, by event type and outcome. */
@ApplicationScoped
public class WebhookMetrics {

    private static final String NAME = "cobrowse.webhooks.received";

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request refused before its body was read as an event (413, 415, 401). */
    void rejected(int status) {
        registry.counter(NAME, "type", "unknown", "outcome", refusal(status)).increment();
    }

    /**
     * A refusal's outcome in the words of the others (applied, duplicate, invalid...), so that one label holds one
     * vocabulary rather than words beside status codes.
     */
    static String refusal(int status) {
        return switch (status) {
            case 401 -> "unauthorized";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            default -> "refused";
        };
    }

    void received(ParsedEvent event, WebhookOutcome outcome) {
        // unknown types are kept under one tag, so a sender cannot grow the metric without bound
        String type = event == null
                ? "unknown"
                : event.knownType().map(t -> t.wireName()).orElse("other");
        registry.counter(NAME, "type", type, "outcome", outcome.label()).increment();
    }
}
