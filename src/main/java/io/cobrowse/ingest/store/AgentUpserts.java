package io.cobrowse.ingest.store;

import io.cobrowse.ingest.domain.SessionMapping;
import io.cobrowse.ingest.event.InboundData.AgentData;
import io.cobrowse.ingest.event.InboundData.SessionData;
import io.cobrowse.ingest.event.Normalization;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Agents are shared by sessions of many visitors, so concurrent transactions write the same rows. They
 * are written by the group's inbox statement (no round trip of their own), from the session snapshots
 * that statement inserts, so a duplicate or conflicting redelivery never touches them: each agent once,
 * with the newest snapshot naming it. A new agent is inserted; a known one is updated only when the
 * snapshot is newer and says something new, so the usual case takes no row lock at all. The inserts go
 * in key order, and so do the locks of the rows to update (a separate, later step), so concurrent groups
 * cannot deadlock on them.
 *
 * <p>The statement's snapshot is taken before it waits for the visitors' locks. An agent that another
 * transaction inserted meanwhile is neither inserted nor visible to the update: the statement reports it
 * as missed, and {@link #AGAIN} repeats the same work in a statement of its own, with a new snapshot.
 */
final class AgentUpserts {

    /**
     * Common table expressions for the inbox statement: they read its {@code inserted} expression (the
     * webhook ids it inserted) and take the parameters that {@link #bind} sets; {@code agent_missed} holds
     * the ids of agents committed by another transaction after the statement's snapshot.
     */
    static final String CTES = """
            agent_input AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
                                     ?::text[], ?::timestamptz[])
                    WITH ORDINALITY AS a(webhook_id, id, agent_nickname, name, email, external_id, on_premise, kind,
                                         position_at, n)),
            agent_newest AS (
                -- the later webhook of the group wins a tie
                SELECT DISTINCT ON (a.id) a.id, a.agent_nickname, a.name, a.email, a.external_id, a.on_premise,
                       a.kind, a.position_at
                FROM agent_input a JOIN inserted i ON i.webhook_id = a.webhook_id
                ORDER BY a.id, a.position_at DESC, a.n DESC),
            agent_inserted AS (
                INSERT INTO agent (id, agent_nickname, name, email, external_id, on_premise, kind, position_at)
                SELECT * FROM agent_newest ORDER BY id
                ON CONFLICT (id) DO NOTHING
                RETURNING id),
            agent_changed AS MATERIALIZED (
                SELECT g.id FROM agent g JOIN agent_newest v ON v.id = g.id
                WHERE g.position_at < v.position_at
                  AND (g.agent_nickname, g.name, g.email, g.external_id, g.on_premise)
                      IS DISTINCT FROM (v.agent_nickname, v.name, v.email, v.external_id, v.on_premise)
                ORDER BY g.id
                -- not FOR UPDATE: that would also block the key-share locks of other groups' session_agent inserts
                FOR NO KEY UPDATE OF g),
            agent_updated AS (
                UPDATE agent g SET agent_nickname = v.agent_nickname, name = v.name, email = v.email,
                    external_id = v.external_id, on_premise = v.on_premise, kind = v.kind, position_at = v.position_at
                FROM agent_newest v
                WHERE g.id = v.id AND g.id IN (SELECT id FROM agent_changed)),
            agent_missed AS (
                SELECT v.id FROM agent_newest v
                WHERE v.id NOT IN (SELECT id FROM agent_inserted)
                  AND NOT EXISTS (SELECT 1 FROM agent g WHERE g.id = v.id))""";

    /** The same work for the webhook ids of the first parameter (text[]), then {@link #bind} from the second. */
    static final String AGAIN = "WITH inserted AS (SELECT unnest(?::text[]) AS webhook_id),\n" + CTES + "\nSELECT 1";

    private AgentUpserts() {}

    /** Whether any of the webhooks is a session snapshot that names an agent. */
    static boolean any(List<IncomingWebhook> webhooks) {
        return webhooks.stream()
                .anyMatch(w -> w.event().data() instanceof SessionData d
                        && d.agents() != null
                        && !d.agents().isEmpty());
    }

    /**
     * Sets the parameters of {@link #CTES}, from the given index on: one row per distinct agent of each
     * session snapshot among the webhooks (which must be distinct by id).
     */
    static void bind(Connection c, PreparedStatement ps, int first, List<IncomingWebhook> webhooks)
            throws SQLException {
        List<String> webhookIds = new ArrayList<>();
        List<AgentData> agents = new ArrayList<>();
        List<String> at = new ArrayList<>();
        for (IncomingWebhook w : webhooks) {
            if (w.event().data() instanceof SessionData d) {
                for (AgentData a : SessionMapping.distinctAgents(d.agents())) {
                    webhookIds.add(w.webhookId());
                    agents.add(a);
                    at.add(w.event().timestamp().toString());
                }
            }
        }
        int i = first;
        ps.setArray(i++, c.createArrayOf("text", webhookIds.toArray()));
        ps.setArray(i++, SqlArrays.column(c, "text", agents, AgentData::id));
        ps.setArray(i++, SqlArrays.column(c, "text", agents, AgentData::agentNickname));
        ps.setArray(i++, SqlArrays.column(c, "text", agents, AgentData::name));
        ps.setArray(i++, SqlArrays.column(c, "text", agents, AgentData::email));
        ps.setArray(i++, SqlArrays.column(c, "text", agents, AgentData::externalId));
        ps.setArray(i++, SqlArrays.column(c, "boolean", agents, AgentData::onPremise));
        ps.setArray(i++, SqlArrays.column(c, "text", agents, a -> Normalization.agentKind(a.id())));
        ps.setArray(i, c.createArrayOf("text", at.toArray()));
    }
}
