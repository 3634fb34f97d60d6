package io.cobrowse.ingest.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * An agent's rating of the session's quality; stored with the session as an element of a jsonb array.
 * Equal by value, scale included (5 and 5.0 differ), so an unchanged list leaves the row unchanged.
 */
public record QualityFeedback(
        BigDecimal rating,
        String feedback,
        @JsonProperty("by_agent_id") String by) {}
