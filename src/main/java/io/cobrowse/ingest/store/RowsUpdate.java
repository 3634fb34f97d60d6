package io.cobrowse.ingest.store;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cobrowse.ingest.event.OutboundJson;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hibernate.Session;

/**
 * Writes a group's changed rows of one table in one statement: the rows go in as one JSON array, read back by
 * {@code json_to_recordset} with each column's type, and every column but the key is set from them. Hibernate's
 * flush would write one {@code UPDATE} per row, bind every column of it, and first compare each loaded entity
 * with a snapshot of it. The rows written are then read-only for the flush, which still writes their
 * collections.
 */
final class RowsUpdate<E> {

    private final String table;
    private final RowColumn<E> key;
    private final List<RowColumn<E>> columns;
    private final String sql;

    RowsUpdate(String table, RowColumn<E> key, List<RowColumn<E>> columns) {
        this.table = table;
        this.key = key;
        this.columns = columns;
        // the keys again as an array: PostgreSQL plans the function for 100 rows and, without a condition on the
        // table's key alone, joins it by reading the whole table
        this.sql = "UPDATE %s t SET %s FROM json_to_recordset(?::json) AS r(%s, %s) WHERE t.%s = ANY(?) AND t.%s = r.%s"
                .formatted(
                        table,
                        columns.stream()
                                .map(c -> c.name() + " = " + c.assigned())
                                .collect(Collectors.joining(", ")),
                        key.name() + " " + key.type(),
                        columns.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", ")),
                        key.name(),
                        key.name(),
                        key.name());
    }

    /** The key's column and then the others, in the order they are set. */
    List<String> columnNames() {
        return Stream.concat(Stream.of(key), columns.stream())
                .map(RowColumn::name)
                .toList();
    }

    /** Updates the rows, which must all exist, and leaves them to the flush as read-only. */
    void write(EntityManager em, Collection<E> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String json = json(rows);
        Session session = em.unwrap(Session.class);
        int updated = session.doReturningWork(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, json);
                ps.setArray(
                        2,
                        c.createArrayOf("text", rows.stream().map(key.value()).toArray()));
                return ps.executeUpdate();
            }
        });
        if (updated != rows.size()) {
            // as Hibernate's stale-state check would: a row the group loaded is gone, so its changes are not stored
            throw new IllegalStateException("%d %s rows to update, %d found".formatted(rows.size(), table, updated));
        }
        rows.forEach(r -> session.setReadOnly(r, true));
    }

    /** The rows as one JSON array of objects, one member per column. */
    String json(Collection<E> rows) {
        StringWriter out = new StringWriter(rows.size() * 512);
        try (JsonGenerator g = OutboundJson.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartArray();
            for (E row : rows) {
                g.writeStartObject();
                key.write(g, row);
                for (RowColumn<E> c : columns) {
                    c.write(g, row);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
