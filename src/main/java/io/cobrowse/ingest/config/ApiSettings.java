package io.cobrowse.ingest.config;

import java.util.List;
import java.util.Optional;

/** The operator API's settings ({@code cobrowse.api}). */
public interface ApiSettings {

    /**
     * Bearer keys, comma-separated {@code role=key} entries with the roles read, replay and erase
     * (COBROWSE_API_KEYS). A role may have several keys (rotation), a key several roles. None: the API answers 401
     * to everything.
     */
    Optional<List<String>> keys();
}
