package io.cobrowse.ingest.jobs;

import io.cobrowse.ingest.event.OutboundJson;
import java.util.List;

/**
 * How far a replay got, stored with each step (operator_job.progress): copying its plan, or waiting for the
 * relay to publish its copies. A visitor with more records than a step takes is copied over several steps:
 * {@code partialKey} is that visitor, {@code afterId} the last row copied, and {@code touched} the topics'
 * keys copied so far ([topic, key] pairs), which end on their latest record once the visitor is done.
 */
record ReplayProgress(String phase, String partialKey, long afterId, List<List<String>> touched) {

    static final String COPYING = "copying";
    static final String PUBLISHING = "publishing";

    static ReplayProgress copying() {
        return new ReplayProgress(COPYING, null, 0, List.of());
    }

    static ReplayProgress publishing() {
        return new ReplayProgress(PUBLISHING, null, 0, List.of());
    }

    boolean stillCopying() {
        return COPYING.equals(phase);
    }

    /** Null before the plan. */
    static ReplayProgress of(String json) {
        return json == null ? null : OutboundJson.read(json, ReplayProgress.class);
    }

    String json() {
        return OutboundJson.write(this);
    }
}
