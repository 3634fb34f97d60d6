package io.cobrowse.ingest.api;

import java.util.Optional;

/** Ids taken from a path, before they reach a query. */
final class PathIds {

    private PathIds() {}

    /** The id, or empty when no stored row can have it (PostgreSQL refuses U+0000 in a parameter: a 500). */
    static Optional<String> found(String id) {
        return id == null || id.indexOf('\u0000') >= 0 ? Optional.empty() : Optional.of(id);
    }
}
