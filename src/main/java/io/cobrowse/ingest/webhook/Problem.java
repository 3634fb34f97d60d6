package io.cobrowse.ingest.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cobrowse.ingest.event.FieldError;
import java.util.List;

/** An RFC 9457 problem detail. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }

    public static Problem invalid(List<FieldError> errors) {
        return new Problem("about:blank", "Bad Request", 400, "the webhook body is not valid", errors);
    }
}
