package io.cobrowse.ingest.jobs;

import io.cobrowse.ingest.event.OutboundJson;
import java.time.Instant;

/**
 * How far a reprocessing got in envelope order (operator_job.progress): the last webhook it dealt with,
 * null before the first. The webhooks up to there that are still unhandled are those it left so (body gone,
 * no longer valid); their count is kept here once the job is done.
 */
record ReprocessingProgress(Instant afterTimestamp, String afterId, long leftUnhandled) {

    static ReprocessingProgress start() {
        return new ReprocessingProgress(null, null, 0);
    }

    /** Null before the job's first step. */
    static ReprocessingProgress of(String json) {
        return json == null ? null : OutboundJson.read(json, ReprocessingProgress.class);
    }

    String json() {
        return OutboundJson.write(this);
    }
}
