package io.cobrowse.ingest.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list, newest first, and the cursor of the next page (null on the last one). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Page<T>(
        List<T> items,

        @Schema(nullable = true, description = "The cursor of the next page; null on the last")
        String nextCursor) {

    /** The same page with its items converted together (one query for the page, not one per item). */
    <R> Page<R> map(Function<List<T>, List<R>> convert) {
        return new Page<>(items.isEmpty() ? List.of() : convert.apply(items), nextCursor);
    }
}
