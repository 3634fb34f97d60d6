package io.cobrowse.ingest.api;

import io.cobrowse.ingest.event.FieldError;
import java.util.List;

/** A request body the operator API refuses (400), with the fields at fault; details hold no values sent. */
public final class InvalidRequest extends RuntimeException {

    private final transient List<FieldError> errors;

    InvalidRequest(String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
