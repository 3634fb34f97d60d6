package io.cobrowse.ingest.webhook;

import java.util.List;

import io.cobrowse.ingest.event.FieldError;

/** What the store made of one webhook, mapped by the resource to a status code. */
public record WebhookResult(Kind kind, List<FieldError> errors) {

    public enum Kind { APPLIED, STALE, UNHANDLED, DUPLICATE, CONFLICT, INVALID, UNAVAILABLE }

    public static WebhookResult of(Kind kind) {
        return new WebhookResult(kind, List.of());
    }
}
