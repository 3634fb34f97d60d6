package io.cobrowse.ingest.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Values anywhere in a body that PostgreSQL could not store, found before anything is parsed further. */
final class Unstorable {

    /** PostgreSQL numeric: up to 131072 digits before the decimal point and 16383 after. */
    private static final int MAX_NUMERIC_INTEGER_DIGITS = 131072;

    private static final int MAX_NUMERIC_SCALE = 16383;

    private Unstorable() {}

    /**
     * PostgreSQL cannot store U+0000 in text or jsonb, nor numbers beyond the range of numeric:
     * such a body is refused up front rather than failing at the commit.
     */
    static void find(JsonNode node, String pointer, List<FieldError> errors) {
        if (node.isTextual()) {
            if (node.asText().indexOf('\u0000') >= 0) {
                errors.add(new FieldError(pointer, "must not contain the character U+0000"));
            }
        } else if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            if (d.precision() - d.scale() > MAX_NUMERIC_INTEGER_DIGITS || d.scale() > MAX_NUMERIC_SCALE) {
                errors.add(new FieldError(pointer, "is a number beyond the range that can be stored"));
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String child = pointer + "/" + Pointers.escape(f.getKey());
                if (f.getKey().indexOf('\u0000') >= 0) {
                    errors.add(new FieldError(child, "the key must not contain the character U+0000"));
                }
                find(f.getValue(), child, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                find(node.get(i), pointer + "/" + i, errors);
            }
        }
    }
}
