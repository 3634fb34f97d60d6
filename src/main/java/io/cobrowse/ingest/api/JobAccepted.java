package io.cobrowse.ingest.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.UUID;

/** The answer to a started job: its id and status (running). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobAccepted(UUID id, String status) {}
