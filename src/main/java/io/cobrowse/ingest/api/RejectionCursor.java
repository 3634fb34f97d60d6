package io.cobrowse.ingest.api;

import io.cobrowse.ingest.event.Datetimes;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;

/**
 * Where the next page of refusals starts: after the last row shown, in the order newest first (time, then id).
 * Opaque to clients; a cursor this endpoint did not give out is a 400.
 */
record RejectionCursor(Instant receivedAt, long id) {

    private static final String VERSION = "r1";

    static RejectionCursor after(RejectionView last) {
        return new RejectionCursor(last.receivedAt(), last.id());
    }

    String encode() {
        String plain = VERSION + ":" + receivedAt.getEpochSecond() + ":" + receivedAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or a 400 that does not repeat it. */
    static RejectionCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != 4 || !parts[0].equals(VERSION)) {
                throw new IllegalArgumentException("not a cursor");
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            if (!Datetimes.inRange(at)) {
                throw new IllegalArgumentException("out of range");
            }
            return new RejectionCursor(at, Long.parseLong(parts[3]));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new BadRequestException("cursor is not one this endpoint gave out; start again without it");
        }
    }
}
