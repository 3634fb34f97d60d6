package io.cobrowse.ingest.retention;

import java.util.Map;

/**
 * What one run of the retention job did.
 *
 * @param alone false when another replica's run held the retention lock, and this one stopped
 * @param finished true when nothing was left to remove at the end; false when the time budget ran out first
 * @param rows the rows removed, per kind
 */
public record RetentionRun(boolean alone, boolean finished, Map<Retained, Long> rows) {}
