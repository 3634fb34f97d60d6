package io.cobrowse.ingest.store;

import io.cobrowse.ingest.domain.WebhookOutcome;
import io.cobrowse.ingest.event.FieldError;
import java.util.List;

/** What the store made of one webhook, and for an invalid one the fields at fault. */
public record WebhookResult(WebhookOutcome outcome, List<FieldError> errors) {

    public static WebhookResult of(WebhookOutcome outcome) {
        return new WebhookResult(outcome, List.of());
    }
}
