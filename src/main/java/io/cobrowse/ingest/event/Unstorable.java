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
     * PostgreSQL cannot store U+0000 in text or jsonb, nor an unpaired surrogate (JSON lets a string spell
     * one, UTF-8 has no encoding for it: the driver would send {@code ?} instead), nor numbers beyond the
     * range of numeric: such a body is refused up front rather than stored altered or failing at the commit.
     */
    static void find(JsonNode node, String pointer, List<FieldError> errors) {
        find(node, Path.root(pointer), errors);
    }

    private static void find(JsonNode node, Path path, List<FieldError> errors) {
        if (node.isTextual()) {
            text(node.asText(), path, "", errors);
        } else if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            if (d.precision() - d.scale() > MAX_NUMERIC_INTEGER_DIGITS || d.scale() > MAX_NUMERIC_SCALE) {
                errors.add(new FieldError(path.pointer(), "is a number beyond the range that can be stored"));
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                Path child = new Path(path, f.getKey(), 0);
                text(f.getKey(), child, "the key ", errors);
                find(f.getValue(), child, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                find(node.get(i), new Path(path, null, i), errors);
            }
        }
    }

    private static void text(String text, Path path, String what, List<FieldError> errors) {
        if (text.indexOf('\u0000') >= 0) {
            errors.add(new FieldError(path.pointer(), what + "must not contain the character U+0000"));
        }
        if (hasUnpairedSurrogate(text)) {
            errors.add(new FieldError(
                    path.pointer(), what + "must not contain an unpaired surrogate (\\ud800 to \\udfff)"));
        }
    }

    /**
     * Where a value is: a member's key or an element's index under its parent (the root holds the pointer it starts
     * from instead), spelled out as a JSON Pointer only for an error, which most bodies have none of.
     */
    private record Path(Path parent, String key, int index) {

        static Path root(String pointer) {
            return new Path(null, pointer, 0);
        }

        String pointer() {
            if (parent == null) {
                return key;
            }
            return parent.pointer() + "/" + (key == null ? String.valueOf(index) : Pointers.escape(key));
        }
    }

    /** True when the text holds a UTF-16 surrogate that is not half of a pair, which UTF-8 cannot encode. */
    static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
