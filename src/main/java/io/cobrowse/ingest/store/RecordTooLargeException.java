package io.cobrowse.ingest.store;

import io.cobrowse.ingest.event.FieldError;

/**
 * A webhook whose record would exceed the topics' record limit. It fails the transaction that would have
 * written it, so nothing of it is stored; the webhook is then refused like any other invalid one.
 */
public final class RecordTooLargeException extends RuntimeException {

    private final transient FieldError error;

    RecordTooLargeException(FieldError error) {
        // no values in the message, and no stack: this is a verdict on input, not a fault
        super("the record would exceed the topics' record limit", null, false, false);
        this.error = error;
    }

    /** The field that makes the record too large, and why. */
    public FieldError error() {
        return error;
    }

    /** The exception among the causes of a failure (the transaction wraps it), or null. */
    static RecordTooLargeException in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
