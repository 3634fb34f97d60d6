package io.cobrowse.ingest.api;

import io.cobrowse.ingest.domain.EventPosition;
import jakarta.ws.rs.BadRequestException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A visitor looked up by exactly one of email (compared case-insensitively, through the index on lower(email)),
 * lookup_code or unique_id. Newest first by added_at (visitors without one last), then short_id.
 */
record VisitorLookup(String condition, String value) {

    static final String ONE_OF = "exactly one of email, lookup_code and unique_id is required";

    static VisitorLookup of(String email, String lookupCode, String uniqueId) {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("email", QueryParameters.text("email", email));
        given.put("lookup_code", QueryParameters.text("lookup_code", lookupCode));
        given.put("unique_id", QueryParameters.text("unique_id", uniqueId));
        given.values().removeIf(v -> v == null);
        if (given.size() != 1) {
            throw new BadRequestException(ONE_OF);
        }
        var only = given.entrySet().iterator().next();
        return new VisitorLookup(
                switch (only.getKey()) {
                    case "email" -> "lower(v.email) = lower(:value)";
                    case "lookup_code" -> "v.lookupCode = :value";
                    default -> "v.uniqueId = :value";
                },
                only.getValue());
    }

    /** An erased visitor's attributes are null, and it stays out even when a value matched before. */
    ListQuery query() {
        return new ListQuery("Visitor v", "v.addedAt", "v.shortId", true)
                .where(condition, "value", value)
                .where("v.position.rank <> :erasure", "erasure", (short) EventPosition.ERASURE_RANK);
    }
}
