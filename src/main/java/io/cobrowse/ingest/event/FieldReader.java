package io.cobrowse.ingest.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads typed fields of one JSON object strictly: a wrong JSON type is an error, never coerced.
 * A missing field and an explicit null both read as null. Every error names its field by pointer.
 */
final class FieldReader {

    private final JsonNode node;
    private final String pointer;
    private final List<FieldError> errors;

    FieldReader(JsonNode node, String pointer, List<FieldError> errors) {
        this.node = node;
        this.pointer = pointer;
        this.errors = errors;
    }

    private String at(String field) {
        return pointer + "/" + Pointers.escape(field);
    }

    private JsonNode value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private <T> T fail(String field, String detail) {
        errors.add(new FieldError(at(field), detail));
        return null;
    }

    String requiredString(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return fail(field, "is required");
        }
        if (!v.isTextual()) {
            return fail(field, "must be a string");
        }
        if (v.asText().isBlank()) {
            return fail(field, "must not be empty");
        }
        return v.asText();
    }

    /**
     * A required identifier. Identifiers are index keys, and a PostgreSQL btree entry holds at most
     * about 2.7 kB: longer ones are refused here rather than failing at the commit.
     */
    String requiredId(String field) {
        return capped(field, requiredString(field));
    }

    /** An optional string that is an index key (emails, lookup codes), capped like identifiers. */
    String indexed(String field) {
        return capped(field, string(field));
    }

    private String capped(String field, String value) {
        if (value != null && value.length() > EventParser.MAX_KEY_LENGTH) {
            return fail(field, "must be at most " + EventParser.MAX_KEY_LENGTH + " characters");
        }
        return value;
    }

    String string(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        return v.isTextual() ? v.asText() : fail(field, "must be a string or null");
    }

    Boolean bool(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        return v.isBoolean() ? v.booleanValue() : fail(field, "must be a boolean or null");
    }

    Integer integer(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !isWhole(v) || !fitsInt(v)) {
            return fail(field, "must be a whole number or null");
        }
        return v.decimalValue().intValueExact();
    }

    Long longValue(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isNumber() || !isWhole(v) || v.decimalValue().abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return fail(field, "must be a whole number or null");
        }
        return v.decimalValue().longValueExact();
    }

    BigDecimal decimal(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        BigDecimal d = v.isNumber() ? v.decimalValue() : null;
        return d != null && fitsDouble(d) ? d : fail(field, "must be a number within a 64-bit float's range, or null");
    }

    /** Kept as written, but read by most consumers as a double: 1e999 would be infinite to them, 1e-999 zero. */
    private static boolean fitsDouble(BigDecimal d) {
        double asDouble = d.doubleValue();
        return Double.isFinite(asDouble) && (asDouble == 0) == (d.signum() == 0);
    }

    Instant datetime(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            return fail(field, "must be an ISO 8601 datetime string or null");
        }
        Instant parsed = Datetimes.parse(v.asText());
        // to the microsecond, as PostgreSQL keeps it (rounding the rest): an event's position then compares the same
        // before and after it is stored, and 9999-12-31T23:59:59.9999999Z stays in its year
        return parsed != null
                ? parsed.truncatedTo(ChronoUnit.MICROS)
                : fail(field, "must be an ISO 8601 datetime with an offset or Z, in the years 1 to 9999");
    }

    List<String> stringList(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            return fail(field, "must be an array of strings or null");
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                errors.add(new FieldError(at(field) + "/" + i, "must be a string"));
            } else {
                out.add(item.asText());
            }
        }
        return out;
    }

    ObjectNode object(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        return v.isObject() ? (ObjectNode) v : fail(field, "must be an object or null");
    }

    <T> T nested(String field, Function<FieldReader, T> read) {
        JsonNode v = value(field);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            return fail(field, "must be an object or null");
        }
        return read.apply(new FieldReader(v, at(field), errors));
    }

    <T> List<T> list(String field, boolean required, Function<FieldReader, T> read) {
        JsonNode v = value(field);
        if (v == null) {
            return required ? fail(field, "is required") : null;
        }
        if (!v.isArray()) {
            return fail(field, "must be an array");
        }
        List<T> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isObject()) {
                errors.add(new FieldError(at(field) + "/" + i, "must be an object"));
            } else {
                out.add(read.apply(new FieldReader(item, at(field) + "/" + i, errors)));
            }
        }
        return out;
    }

    private static boolean isWhole(JsonNode v) {
        if (v.isIntegralNumber()) {
            return true;
        }
        BigDecimal d = v.decimalValue();
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    private static boolean fitsInt(JsonNode v) {
        BigDecimal d = v.decimalValue();
        return d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0
                && d.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0;
    }
}
