package io.cobrowse.ingest.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A refused request as the operator API shows it: never its body, and not its field errors either, whose details
 * may quote the body (a JSON syntax error names the token it could not read). Read as a projection, so the stored
 * bodies are not loaded.
 *
 * @param id the row's id, for the next page's cursor only
 * @param reason the problem's detail the sender got
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RejectionView(@JsonIgnore Long id, Instant receivedAt, short status, String reason, String webhookId) {}
