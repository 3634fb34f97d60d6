package io.cobrowse.ingest.store;

import io.cobrowse.ingest.domain.WebhookOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes stored unhandled webhooks back for a reprocessing: in one statement, like the inbox insert, it takes
 * the visitors' locks, turns each row that is still unhandled into an applied one (the applier may find it
 * stale afterwards) and writes the agents of the session snapshots among them. A row that is no longer
 * unhandled (reprocessed meanwhile by another job) is left alone.
 */
@ApplicationScoped
public class UnhandledInbox {

    private static final String CTES = "WITH locked AS (" + Inbox.VISITOR_LOCKS + "),\n"
            + """
            input AS (
                SELECT * FROM unnest(?::text[], ?::text[]) AS r(webhook_id, visitor_key)),
            inserted AS (
                -- the one-row lock count joins every row: all locks are held before the first update
                UPDATE inbox_event e SET status = '%s', visitor_key = i.visitor_key
                FROM input i CROSS JOIN locked
                WHERE e.webhook_id = i.webhook_id AND e.status = '%s'
                RETURNING e.webhook_id)""".formatted(WebhookOutcome.APPLIED.label(), WebhookOutcome.UNHANDLED.label());

    private static final String RECLAIM = CTES + "\nSELECT webhook_id, false FROM inserted";

    private static final String RECLAIM_WITH_AGENTS =
            CTES + ",\n" + AgentUpserts.CTES + "\nSELECT webhook_id, EXISTS (SELECT 1 FROM agent_missed) FROM inserted";

    private final EntityManager em;

    public UnhandledInbox(EntityManager em) {
        this.em = em;
    }

    /**
     * Marks the webhooks applied where they are still unhandled, under the locks of the given visitors.
     *
     * @return the ids of those it marked: the others were reprocessed by someone else
     */
    Set<String> reclaim(List<IncomingWebhook> webhooks, String[] visitorKeys) {
        Set<String> reclaimed = new HashSet<>();
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            boolean withAgents = AgentUpserts.any(webhooks);
            boolean agentsMissed = false;
            try (PreparedStatement ps = c.prepareStatement(withAgents ? RECLAIM_WITH_AGENTS : RECLAIM)) {
                ps.setArray(1, c.createArrayOf("text", visitorKeys));
                ps.setArray(2, SqlArrays.column(c, "text", webhooks, IncomingWebhook::webhookId));
                ps.setArray(3, SqlArrays.column(c, "text", webhooks, w -> w.event()
                        .data()
                        .visitorKey()));
                if (withAgents) {
                    AgentUpserts.bind(c, ps, 4, webhooks);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reclaimed.add(rs.getString(1));
                        agentsMissed |= rs.getBoolean(2);
                    }
                }
            }
            if (agentsMissed) {
                // an agent another transaction inserted after the statement's snapshot (see AgentUpserts)
                try (PreparedStatement again = c.prepareStatement(AgentUpserts.AGAIN)) {
                    again.setArray(1, c.createArrayOf("text", reclaimed.toArray()));
                    AgentUpserts.bind(c, again, 2, webhooks);
                    again.executeQuery().close();
                }
            }
        });
        return reclaimed;
    }
}
