package io.cobrowse.ingest.api;

import jakarta.ws.rs.BadRequestException;

/** The limit and cursor of a list request, checked: anything invalid is a 400 that names the parameter. */
record PageRequest(int limit, PageCursor cursor) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    static PageRequest of(String limit, String cursor) {
        return new PageRequest(limit(limit), PageCursor.decode(cursor));
    }

    /** The page size asked for: default when absent, a 400 naming the parameter when not 1 to 500. */
    static int limit(String value) {
        if (value == null || value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw new BadRequestException("limit: must be an integer from 1 to " + MAX_LIMIT);
    }
}
