package io.cobrowse.ingest.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * ISO 8601 datetimes with an explicit offset or {@code Z} (a datetime without one is ambiguous), in the
 * years 1 to 9999.
 */
public final class Datetimes {

    private Datetimes() {}

    /** The instant, or null when the text is not an ISO 8601 datetime with an offset. */
    public static Instant parse(String text) {
        try {
            OffsetDateTime parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            // years PostgreSQL's timestamptz and every consumer can hold
            int year = parsed.toInstant().atOffset(java.time.ZoneOffset.UTC).getYear();
            return year >= 1 && year <= 9999 ? parsed.toInstant() : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
