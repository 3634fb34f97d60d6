package io.cobrowse.ingest.store;

import io.cobrowse.ingest.domain.WebhookOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.jdbc.ReturningWork;

/**
 * The inbox table, where the primary key on webhook-id decides what is a duplicate. Plain JDBC on the
 * transaction's connection: one statement for a whole group, and no flush of the persistence context.
 */
@ApplicationScoped
public class Inbox {

    /**
     * Takes the advisory locks of the visitors whose keys are the text[] parameter, in one global order
     * (ascending hash), so that transactions locking several visitors cannot deadlock on them.
     *
     * <p>Being a writer transaction's first statement, it also gives the rest of the transaction generic
     * plans, at no round trip of its own. The group's loads look rows up by {@code = any(array)}, whose generic
     * plan PostgreSQL prices for ten keys; against plans for the few keys of a usual group it always lost,
     * so every load was planned anew (about 0.6 ms each for the session load's three-table join, measured
     * under load). The writers' frequent statements had generic plans already; none of them filters on a range.
     */
    public static final String VISITOR_LOCKS = """
            SELECT count(pg_advisory_xact_lock(h)), set_config('plan_cache_mode', 'force_generic_plan', true)
            FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest(?::text[]) AS t(k) ORDER BY h) s""";

    /** The inbox statement up to its final SELECT: the locks, the input rows and the insert. */
    private static final String INSERT_CTES = "WITH locked AS (" + VISITOR_LOCKS + "),\n" + """
            input AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::bytea[],
                                     ?::bytea[], ?::text[], ?::text[])
                    AS r(webhook_id, event_type, event_timestamp, received_at, body_sha256, raw_body,
                         status, visitor_key)),
            inserted AS (
                INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256,
                                         raw_body, status, visitor_key)
                SELECT i.* FROM input i
                -- the one-row lock count joins every row: all locks are held before the first insert
                CROSS JOIN locked
                ON CONFLICT (webhook_id) DO NOTHING
                RETURNING webhook_id)""";

    /**
     * One row per input row: its id, whether this statement inserted it, the stored digest of an id it did not
     * insert, and whether an agent was missed. The statement's snapshot shows the rows committed before it, not
     * those it inserts; only an id it did not insert is looked up.
     */
    private static String result(String agentsMissed) {
        return """
                SELECT i.webhook_id, n.webhook_id IS NOT NULL,
                       CASE WHEN n.webhook_id IS NULL THEN
                           (SELECT e.body_sha256 FROM inbox_event e WHERE e.webhook_id = i.webhook_id) END,
                       %s
                FROM input i
                LEFT JOIN inserted n ON n.webhook_id = i.webhook_id""".formatted(agentsMissed);
    }

    /** For groups without agents to write: a smaller plan, which PostgreSQL sets up on every execution. */
    private static final String INSERT = INSERT_CTES + "\n" + result("false");

    private static final String INSERT_WITH_AGENTS =
            INSERT_CTES + ",\n" + AgentUpserts.CTES + "\n" + result("EXISTS (SELECT 1 FROM agent_missed)");

    private final EntityManager em;

    public Inbox(EntityManager em) {
        this.em = em;
    }

    /**
     * Inserts each webhook unless its id is there already (or earlier in the list), in one statement.
     * A concurrent insert of the same id waits for the other transaction and then reports a duplicate
     * or a conflict; no check-then-insert race. The same statement first takes the transaction-scoped
     * advisory locks of the given visitors, in ascending hash order (see {@code VISITOR_LOCKS}), which
     * saves a round trip per commit; what the transaction reads afterwards sees the previous holder's commit.
     * It also returns the stored digest of each id that was there already, which decides duplicate or
     * conflict without another round trip, and it writes the agents of the session snapshots it inserts
     * (see {@link AgentUpserts}), before any of the group's sessions can refer to them.
     *
     * @return per webhook, the status it was stored with (applied or unhandled), or duplicate or conflict
     */
    public List<WebhookOutcome> insertAll(List<IncomingWebhook> webhooks, String[] visitorKeys) {
        Map<String, IncomingWebhook> first = new LinkedHashMap<>();
        webhooks.forEach(w -> first.putIfAbsent(w.webhookId(), w));
        List<IncomingWebhook> rows = List.copyOf(first.values());
        Set<String> inserted = new HashSet<>();
        Map<String, byte[]> stored = new HashMap<>();
        jdbc(c -> {
            boolean withAgents = AgentUpserts.any(rows);
            try (PreparedStatement ps = c.prepareStatement(withAgents ? INSERT_WITH_AGENTS : INSERT)) {
                ps.setArray(1, c.createArrayOf("text", visitorKeys));
                ps.setArray(2, SqlArrays.column(c, "text", rows, IncomingWebhook::webhookId));
                ps.setArray(3, SqlArrays.column(c, "text", rows, w -> w.event().type()));
                ps.setArray(4, SqlArrays.column(c, "text", rows, w -> w.event()
                        .timestamp()
                        .toString()));
                ps.setArray(
                        5, SqlArrays.column(c, "text", rows, w -> w.receivedAt().toString()));
                ps.setArray(
                        6,
                        c.createArrayOf(
                                "bytea",
                                rows.stream().map(IncomingWebhook::sha256).toArray(byte[][]::new)));
                ps.setArray(
                        7,
                        c.createArrayOf(
                                "bytea",
                                rows.stream().map(IncomingWebhook::body).toArray(byte[][]::new)));
                ps.setArray(8, SqlArrays.column(c, "text", rows, w -> storedStatus(w)
                        .label()));
                ps.setArray(
                        9,
                        SqlArrays.column(c, "text", rows, w -> w.event().data().visitorKey()));
                if (withAgents) {
                    AgentUpserts.bind(c, ps, 10, rows);
                }
                boolean agentsMissed = false;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getBoolean(2)) {
                            inserted.add(rs.getString(1));
                        } else if (rs.getBytes(3) != null) {
                            stored.put(rs.getString(1), rs.getBytes(3));
                        }
                        agentsMissed |= rs.getBoolean(4);
                    }
                }
                if (agentsMissed) {
                    try (PreparedStatement again = c.prepareStatement(AgentUpserts.AGAIN)) {
                        again.setArray(1, c.createArrayOf("text", inserted.toArray()));
                        AgentUpserts.bind(c, again, 2, rows);
                        again.executeQuery().close();
                    }
                }
            }
            return null;
        });
        // an id whose insert waited for a concurrent transaction's is not in the statement's snapshot
        List<String> unseen = first.keySet().stream()
                .filter(id -> !inserted.contains(id) && !stored.containsKey(id))
                .toList();
        if (!unseen.isEmpty()) {
            stored.putAll(sha256Of(unseen));
        }
        inserted.forEach(id -> stored.put(id, first.get(id).sha256()));
        List<WebhookOutcome> result = new ArrayList<>(webhooks.size());
        for (IncomingWebhook w : webhooks) {
            if (first.get(w.webhookId()) == w && inserted.contains(w.webhookId())) {
                result.add(storedStatus(w));
            } else {
                // an id already stored, or repeated within the group: its body decides
                result.add(
                        Arrays.equals(stored.get(w.webhookId()), w.sha256())
                                ? WebhookOutcome.DUPLICATE
                                : WebhookOutcome.CONFLICT);
            }
        }
        return result;
    }

    /** Applied until the applier finds it stale; unhandled for a type outside the catalog. */
    private static WebhookOutcome storedStatus(IncomingWebhook w) {
        return w.event().knownType().isPresent() ? WebhookOutcome.APPLIED : WebhookOutcome.UNHANDLED;
    }

    /**
     * Takes the visitors' locks alone, for a group that inserts nothing (see {@code VISITOR_LOCKS});
     * a group with accepted webhooks takes them in its inbox statement instead.
     */
    public void lockVisitors(String[] keys) {
        if (keys.length == 0) {
            return;
        }
        jdbc(c -> {
            try (PreparedStatement ps = c.prepareStatement(VISITOR_LOCKS)) {
                ps.setArray(1, c.createArrayOf("text", keys));
                ps.executeQuery().close();
            }
            return null;
        });
    }

    /** True when the id was accepted before with this body, false when with another; null when never. */
    public Boolean acceptedWith(String webhookId, byte[] sha256) {
        byte[] stored = sha256Of(List.of(webhookId)).get(webhookId);
        return stored == null ? null : Arrays.equals(stored, sha256);
    }

    private Map<String, byte[]> sha256Of(List<String> webhookIds) {
        return jdbc(c -> {
            Map<String, byte[]> found = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT webhook_id, body_sha256 FROM inbox_event WHERE webhook_id = ANY (?::text[])")) {
                ps.setArray(1, c.createArrayOf("text", webhookIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getBytes(2));
                    }
                }
            }
            return found;
        });
    }

    private <T> T jdbc(ReturningWork<T> work) {
        return em.unwrap(org.hibernate.Session.class).doReturningWork(work);
    }
}
