package io.cobrowse.ingest.api;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The HQL of one page of a list, ordered by an instant (newest first; with {@code nullable}, the items without
 * one last) and then by id. A page starts right after the previous page's last item (a keyset, not an offset),
 * so that rows inserted meanwhile cause no gaps and no repeats.
 */
final class ListQuery {

    private final String from;
    private final String at;
    private final String id;
    private final boolean nullable;
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new HashMap<>();

    /**
     * @param from the entity and its alias, e.g. {@code InboxEvent e}
     * @param at the instant ordered by, e.g. {@code e.receivedAt}
     * @param id the id that breaks ties, e.g. {@code e.webhookId}
     * @param nullable whether the instant may be null
     */
    ListQuery(String from, String at, String id, boolean nullable) {
        this.from = from;
        this.at = at;
        this.id = id;
        this.nullable = nullable;
    }

    /** Adds the condition when the value is given; it names the value {@code :name}. */
    ListQuery where(String condition, String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            parameters.put(name, value);
        }
        return this;
    }

    /** Starts after the item the cursor names (none: from the newest). */
    ListQuery after(PageCursor cursor) {
        if (cursor == null) {
            return this;
        }
        parameters.put("cursorId", cursor.id());
        if (cursor.at() == null) {
            conditions.add("%s is null and %s < :cursorId".formatted(at, id));
            return this;
        }
        parameters.put("cursorAt", cursor.at());
        conditions.add(
                nullable
                        ? "(%1$s < :cursorAt or (%1$s = :cursorAt and %2$s < :cursorId) or %1$s is null)"
                                .formatted(at, id)
                        // the first half bounds an index range scan; the second alone would not
                        : "%1$s <= :cursorAt and (%1$s < :cursorAt or %2$s < :cursorId)".formatted(at, id));
        return this;
    }

    /**
     * Runs the query for one item more than the limit, which tells whether another page follows.
     *
     * @param find the entity's Panache find, e.g. {@code (hql, p) -> InboxEvent.find(hql, p)}
     * @param cursorOf the cursor that names an item
     */
    <E> Page<E> page(
            PageRequest request,
            BiFunction<String, Map<String, Object>, PanacheQuery<E>> find,
            Function<E, PageCursor> cursorOf) {
        after(request.cursor());
        List<E> rows = find.apply(hql(), parameters).range(0, request.limit()).list();
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        List<E> items = List.copyOf(rows.subList(0, request.limit()));
        return new Page<>(items, cursorOf.apply(items.get(items.size() - 1)).encode());
    }

    String hql() {
        return "from " + from
                + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                + " order by " + at + " desc" + (nullable ? " nulls last" : "") + ", " + id + " desc";
    }
}
