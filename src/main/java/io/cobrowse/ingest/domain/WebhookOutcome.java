package io.cobrowse.ingest.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/**
 * What became of one webhook, from the store to the HTTP answer. The first three are the statuses an
 * accepted webhook is stored with; the label is the lower-case name, as stored and as counted in metrics.
 */
public enum WebhookOutcome {
    /** Stored, and its state change and outbox row committed with it. */
    APPLIED,
    /** Stored, but not newer than what its row already holds: nothing changed, nothing published. */
    STALE,
    /** Stored with a type outside the catalog: kept in the inbox, nothing else. */
    UNHANDLED,
    /** This webhook-id was accepted before with the identical body. */
    DUPLICATE,
    /** This webhook-id was accepted before with another body. */
    CONFLICT,
    /** The body is not a valid event; the rejected request is kept for diagnosis. */
    INVALID,
    /** The database could not be reached: nothing was acknowledged. */
    UNAVAILABLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the webhook-id was stored before, so that the answer is decided and nothing is applied. */
    public boolean isRedelivery() {
        return this == DUPLICATE || this == CONFLICT;
    }

    /** The status column of the inbox: the label. */
    @Converter
    public static final class Column implements AttributeConverter<WebhookOutcome, String> {
        @Override
        public String convertToDatabaseColumn(WebhookOutcome outcome) {
            return outcome == null ? null : outcome.label();
        }

        @Override
        public WebhookOutcome convertToEntityAttribute(String label) {
            return label == null ? null : WebhookOutcome.valueOf(label.toUpperCase(Locale.ROOT));
        }
    }
}
