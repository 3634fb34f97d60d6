package io.cobrowse.ingest.store;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Function;

/**
 * One column of a table as {@link RowsUpdate} writes it: its name, the type its JSON value is read as, and the
 * row's value. A column read as {@code text} and cast on assignment (a jsonb column from its JSON text) names
 * the cast.
 */
record RowColumn<E>(String name, String type, String cast, Function<E, Object> value) {

    static <E> RowColumn<E> of(String name, String type, Function<E, Object> value) {
        return new RowColumn<>(name, type, null, value);
    }

    /** A jsonb column from the JSON text of its value, passed as a string: nothing in it can break the document. */
    static <E> RowColumn<E> jsonb(String name, Function<E, Object> value) {
        return new RowColumn<>(name, "text", "jsonb", value);
    }

    /** The right-hand side of its assignment, reading the row {@code r}. */
    String assigned() {
        return cast == null ? "r." + name : "r." + name + "::" + cast;
    }

    void write(JsonGenerator g, E row) throws IOException {
        g.writeFieldName(name);
        writeValue(g, value.apply(row));
    }

    /** The JSON form PostgreSQL reads back as the column's type: datetimes as ISO 8601, arrays as arrays. */
    static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Instant i) {
            g.writeString(i.toString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer n) {
            g.writeNumber(n);
        } else if (v instanceof Short n) {
            g.writeNumber(n);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof String[] a) {
            g.writeStartArray();
            for (String s : a) {
                writeValue(g, s);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("no JSON form for a column of " + v.getClass());
        }
    }
}
