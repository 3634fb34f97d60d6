package io.cobrowse.ingest.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.cobrowse.ingest.jobs.OperatorJobs.ReplayStatus;
import java.util.UUID;

/**
 * A replay as the operator API shows it: the records it copied for the relay and how many of them are
 * published; a failed one also says why.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReplayView(
        UUID id,
        String status,
        long recordsTotal,
        long recordsPublished,
        @JsonInclude(JsonInclude.Include.NON_NULL) String failure) {

    static ReplayView of(ReplayStatus s) {
        return new ReplayView(s.id(), s.status(), s.recordsTotal(), s.recordsPublished(), s.failure());
    }
}
