package io.cobrowse.ingest.api;

import io.cobrowse.ingest.event.Datetimes;
import jakarta.ws.rs.BadRequestException;
import java.time.Instant;

/** Query parameters of the lists, checked: an empty one counts as absent, an invalid one is a 400 naming it. */
final class QueryParameters {

    private static final String DATETIME =
            ": must be an ISO 8601 datetime with an offset or Z, e.g. 2026-11-24T10:05:00Z (a + sent as %2B)";

    private QueryParameters() {}

    /** A text to compare with stored values; null when absent. */
    static String text(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        // PostgreSQL refuses U+0000 in a parameter, and no stored value holds it
        if (value.indexOf('\u0000') >= 0) {
            throw new BadRequestException(name + ": must not contain the character U+0000");
        }
        return value;
    }

    /** An ISO 8601 datetime with an offset or Z (a + in the offset must be sent as %2B); null when absent. */
    static Instant instant(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Instant parsed = Datetimes.parse(value);
        if (parsed == null) {
            throw new BadRequestException(name + DATETIME);
        }
        return parsed;
    }
}
