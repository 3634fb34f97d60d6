package io.cobrowse.ingest.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * A column of a group's rows as one array parameter: the statements that write a whole group at once read
 * their rows with {@code unnest} over such arrays, one per column.
 */
public final class SqlArrays {

    private SqlArrays() {}

    /** The values of one column, as a PostgreSQL array of the given element type (text, boolean, ...). */
    public static <T> Array column(Connection c, String type, List<T> rows, Function<? super T, ?> value)
            throws SQLException {
        return c.createArrayOf(type, rows.stream().map(value).toArray());
    }
}
