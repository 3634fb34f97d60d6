package io.cobrowse.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.cobrowse.ingest.jobs.OperatorJobs.ReprocessingStatus;
import java.util.UUID;

/**
 * A reprocessing as the operator API shows it: the stored unhandled webhooks it took on, how many it has dealt
 * with, and how many of those it left unhandled (body gone with retention, or no longer valid); a failed one
 * also says why.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReprocessingView(
        UUID id,
        String status,
        long webhooksTotal,
        long webhooksDone,
        long webhooksLeftUnhandled,
        @JsonInclude(JsonInclude.Include.NON_NULL) String failure) {

    static ReprocessingView of(ReprocessingStatus s) {
        return new ReprocessingView(
                s.id(), s.status(), s.webhooksTotal(), s.webhooksDone(), s.webhooksLeftUnhandled(), s.failure());
    }
}
