package io.cobrowse.ingest.api;

import jakarta.ws.rs.NotFoundException;
import java.util.UUID;

/** A job id from a path: one that is not a UUID names no job (404, like an unknown one). */
final class JobIds {

    private JobIds() {}

    static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no job with this id");
        }
    }
}
