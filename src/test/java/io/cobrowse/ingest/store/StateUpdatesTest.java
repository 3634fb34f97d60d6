package io.cobrowse.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cobrowse.ingest.domain.EventPosition;
import io.cobrowse.ingest.domain.JsonListConverter;
import io.cobrowse.ingest.domain.Session;
import io.cobrowse.ingest.domain.Visitor;
import io.cobrowse.ingest.infra.InfraResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A group's changed visitors and sessions, written by one statement per table: every attribute of the entity
 * is stored as Hibernate reads it back, nulls included, and a row that is gone fails the group.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class StateUpdatesTest {

    @Inject
    EntityManager em;

    @Test
    void theUpdatesSetEveryColumnOfTheirTables() {
        assertThat(StateUpdates.VISITORS.columnNames()).containsExactlyInAnyOrderElementsOf(columnsOf("visitor"));
        assertThat(StateUpdates.SESSIONS.columnNames()).containsExactlyInAnyOrderElementsOf(columnsOf("session"));
    }

    @Test
    void everyAttributeOfAVisitorIsWrittenAndReadBackTheSame() {
        String id = "su" + UUID.randomUUID();
        Visitor stored = new Visitor(id);
        fill(stored, 1);
        QuarkusTransaction.requiringNew().run(() -> em.persist(stored));

        Map<String, Object> changed = QuarkusTransaction.requiringNew().call(() -> {
            Visitor v = em.find(Visitor.class, id);
            fill(v, 2);
            StateUpdates.VISITORS.write(em, List.of(v));
            return attributes(v);
        });
        assertThat(attributes(reload(Visitor.class, id))).isEqualTo(changed);

        Map<String, Object> emptied = QuarkusTransaction.requiringNew().call(() -> {
            Visitor v = em.find(Visitor.class, id);
            empty(v, "shortId", "position", "updatedAt");
            StateUpdates.VISITORS.write(em, List.of(v));
            return attributes(v);
        });
        assertThat(attributes(reload(Visitor.class, id))).isEqualTo(emptied);
    }

    @Test
    void everyAttributeOfASessionIsWrittenAndReadBackTheSame() {
        String id = "su" + UUID.randomUUID();
        Session stored = new Session(id, "v" + id);
        fill(stored, 1);
        QuarkusTransaction.requiringNew().run(() -> em.persist(stored));

        Map<String, Object> changed = QuarkusTransaction.requiringNew().call(() -> {
            Session s = em.find(Session.class, id);
            fill(s, 2);
            StateUpdates.SESSIONS.write(em, List.of(s));
            return attributes(s);
        });
        assertThat(attributes(reload(Session.class, id))).isEqualTo(changed);

        Map<String, Object> emptied = QuarkusTransaction.requiringNew().call(() -> {
            Session s = em.find(Session.class, id);
            empty(s, "id", "visitorId", "updatedAt", "agents", "agentNotes", "qualityFeedback", "connections");
            s.agentNotes = List.of();
            s.qualityFeedback = List.of();
            s.connections = List.of();
            StateUpdates.SESSIONS.write(em, List.of(s));
            return attributes(s);
        });
        assertThat(attributes(reload(Session.class, id))).isEqualTo(emptied);
    }

    @Test
    void aRowThatIsGoneFailsTheUpdate() {
        Visitor present = new Visitor("su" + UUID.randomUUID());
        fill(present, 1);
        QuarkusTransaction.requiringNew().run(() -> em.persist(present));
        Visitor gone = new Visitor("su" + UUID.randomUUID());
        fill(gone, 2);

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    Visitor v = em.find(Visitor.class, present.shortId);
                    StateUpdates.VISITORS.write(em, List.of(v, gone));
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("2 visitor rows to update, 1 found");
    }

    private List<String> columnsOf(String table) {
        return QuarkusTransaction.requiringNew().call(() -> em
                .createNativeQuery(
                        "SELECT column_name FROM information_schema.columns"
                                + " WHERE table_schema = current_schema() AND table_name = ?1",
                        String.class)
                .setParameter(1, table)
                .getResultList()
                .stream()
                .map(String.class::cast)
                .toList());
    }

    private <E> E reload(Class<E> type, String id) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(type, id));
    }

    /** Each mapped attribute (not the key), set to a value of its own for this round, none of them null. */
    private static void fill(Object entity, int round) {
        Instant base = Instant.parse("2026-03-04T05:06:07.123456Z").plusSeconds(round * 1000L);
        int n = 0;
        for (Field f : attributeFields(entity)) {
            n++;
            String text = f.getName() + "-" + round + (n % 3 == 0 ? " \"quoted\", {braced}" : "");
            Object value =
                    switch (f.getType().getSimpleName()) {
                        case "String" ->
                            f.getName().equals("metadata")
                                    ? "{\"round\": " + round + ", \"nested\": [null, \"é\\\"\"]}"
                                    : text;
                        case "Instant" -> base.plusSeconds(n);
                        case "Boolean" -> (n + round) % 2 == 0;
                        case "Integer" -> n * 100 + round;
                        case "BigDecimal" -> new BigDecimal(round + ".50");
                        case "String[]" -> new String[] {text, null, "x,y"};
                        case "EventPosition" -> new EventPosition(base.plusMillis(n), round, "wh-" + n + "-" + round);
                        case "List" -> list(f.getName(), round);
                        default -> throw new AssertionError("no test value for " + f);
                    };
            set(f, entity, value);
        }
    }

    private static Object list(String attribute, int round) {
        return switch (attribute) {
            case "agentNotes" ->
                new JsonListConverter.AgentNotes()
                        .convertToEntityAttribute("[{\"text\":\"note " + round + "\",\"by_agent_id\":\"a1\"}]");
            case "qualityFeedback" ->
                new JsonListConverter.QualityFeedbacks()
                        .convertToEntityAttribute(
                                "[{\"rating\":4." + round + "0,\"feedback\":\"ok\",\"by_agent_id\":\"a\"}]");
            case "connections" ->
                new JsonListConverter.Connections()
                        .convertToEntityAttribute("[{\"unique_connection_id\":\"c" + round
                                + "\",\"active_since\":\"2026-01-01T00:00:0" + round + "Z\",\"screen_width\":1280}]");
            case "agents" -> new ArrayList<>();
            default -> throw new AssertionError("no test list for " + attribute);
        };
    }

    private static void empty(Object entity, String... kept) {
        for (Field f : attributeFields(entity)) {
            if (!Arrays.asList(kept).contains(f.getName())) {
                set(f, entity, null);
            }
        }
    }

    /** The entity's attributes by name, arrays as lists and positions as their values, for comparison. */
    private static Map<String, Object> attributes(Object entity) {
        Map<String, Object> values = new TreeMap<>();
        for (Field f : attributeFields(entity)) {
            Object v = get(f, entity);
            if (v instanceof String[] a) {
                v = Arrays.asList(a);
            } else if (v instanceof EventPosition p) {
                v = List.of(p.at, p.rank, p.webhookId);
            } else if (f.getName().equals("agents")) {
                continue;
            }
            values.put(f.getName(), v);
        }
        return values;
    }

    private static List<Field> attributeFields(Object entity) {
        return Arrays.stream(entity.getClass().getDeclaredFields())
                // the mapped fields (Panache makes them protected at build time), not those of the bytecode enhancement
                .filter(f -> !Modifier.isStatic(f.getModifiers()) && !Modifier.isTransient(f.getModifiers()))
                .filter(f -> !f.getName().startsWith("$$"))
                .filter(f -> !f.getName().equals("shortId") && !f.getName().equals("id"))
                .peek(f -> f.setAccessible(true))
                .toList();
    }

    private static Object get(Field f, Object entity) {
        try {
            return f.get(entity);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }

    private static void set(Field f, Object entity, Object value) {
        try {
            f.set(entity, value);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
