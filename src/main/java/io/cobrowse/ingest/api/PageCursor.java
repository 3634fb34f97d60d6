package io.cobrowse.ingest.api;

import io.cobrowse.ingest.event.Datetimes;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of a list ended: the last item's sort instant (null when it has none) and its id. Opaque to
 * callers (base64url), so that the lists may change how they order without breaking a contract.
 */
record PageCursor(Instant at, String id) {

    /** A cursor longer than this was not given out by this API (ids are at most 512 characters). */
    private static final int MAX_LENGTH = 2048;

    private static final char SEPARATOR = '\n';

    String encode() {
        String text = (at == null ? "" : at.toString()) + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a previous page gave out, or null when none is given; anything else is a 400. */
    static PageCursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            if (cursor.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int separator = text.indexOf(SEPARATOR);
            String id = text.substring(separator + 1);
            // PostgreSQL refuses U+0000 in a parameter: a 500 otherwise
            if (separator < 0 || id.isEmpty() || id.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException("no id");
            }
            Instant at = separator == 0 ? null : Instant.parse(text.substring(0, separator));
            // a crafted instant outside the years the service keeps could fail the query: a 500 otherwise
            if (at != null && !Datetimes.inRange(at)) {
                throw new IllegalArgumentException("out of range");
            }
            return new PageCursor(at, id);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new BadRequestException("cursor: not a cursor of this list; pass next_cursor as it was given");
        }
    }
}
