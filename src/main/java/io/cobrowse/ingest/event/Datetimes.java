package io.cobrowse.ingest.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO 8601 datetimes with an explicit offset or {@code Z} (a datetime without one is ambiguous), in the
 * years 1 to 9999.
 */
public final class Datetimes {

    private Datetimes() {}

    /** The instant, or null when the text is not an ISO 8601 datetime with an offset, or out of range. */
    public static Instant parse(String text) {
        try {
            Instant parsed = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
            // years PostgreSQL's timestamptz and every consumer can hold
            int year = parsed.atOffset(ZoneOffset.UTC).getYear();
            return year >= 1 && year <= 9999 ? parsed : null;
        } catch (DateTimeException e) {
            // not only unparsable text: a date at the edge of the supported years, moved to UTC by its
            // offset, leaves the range a date can hold
            return null;
        }
    }
}
