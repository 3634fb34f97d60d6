package io.cobrowse.ingest.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One page of refused requests, newest first; {@code next_cursor} is null on the last page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RejectionPage(List<RejectionView> items, String nextCursor) {}
