package io.cobrowse.ingest.faults;

import java.util.List;

/** A scenario's own pair of topics, so that no scenario reads another's records. */
record Topics(String visitors, String sessions) {

    static Topics forScenario(String slug, String runId) {
        return new Topics("faults." + runId + "." + slug + ".visitors", "faults." + runId + "." + slug + ".sessions");
    }

    List<String> both() {
        return List.of(visitors, sessions);
    }
}
