package io.cobrowse.ingest.domain;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.cobrowse.ingest.event.InboundData.AgentData;
import io.cobrowse.ingest.event.InboundData.SessionData;
import io.cobrowse.ingest.event.Normalization;

/**
 * Agents are shared by sessions of many visitors, so concurrent transactions write the same rows.
 * One statement per agent, sent as one batch in a fixed key order (so concurrent groups cannot
 * deadlock on them): it inserts a new agent, and updates a known one only when the snapshot is newer
 * and says something new, so the usual case takes no row lock at all.
 */
@ApplicationScoped
public class AgentUpserts {

    private record Snapshot(AgentData agent, Instant at) {
    }

    private final EntityManager em;

    public AgentUpserts(EntityManager em) {
        this.em = em;
    }

    /**
     * The agents of a group's session snapshots, each once with its newest snapshot, in one JDBC batch
     * (one round trip, not flushing the persistence context as a native query would).
     */
    public void upsert(List<IncomingWebhook> webhooks) {
        // by agent id, in key order: the snapshot and the time of the newest event naming each agent
        Map<String, Snapshot> newest = new TreeMap<>();
        for (IncomingWebhook w : webhooks) {
            if (w.event().data() instanceof SessionData d) {
                for (AgentData a : SessionMapping.distinctAgents(d.agents())) {
                    newest.merge(a.id(), new Snapshot(a, w.event().timestamp()),
                            (seen, next) -> next.at().isBefore(seen.at()) ? seen : next);
                }
            }
        }
        if (newest.isEmpty()) {
            return;
        }
        em.unwrap(org.hibernate.Session.class).doWork(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    WITH v AS (
                        SELECT CAST(? AS text) AS id, CAST(? AS text) AS agent_nickname, CAST(? AS text) AS name,
                               CAST(? AS text) AS email, CAST(? AS text) AS external_id,
                               CAST(? AS boolean) AS on_premise, CAST(? AS text) AS kind,
                               CAST(? AS timestamptz) AS position_at),
                    inserted AS (
                        INSERT INTO agent (id, agent_nickname, name, email, external_id, on_premise, kind, position_at)
                        SELECT * FROM v
                        ON CONFLICT (id) DO NOTHING
                        RETURNING id)
                    UPDATE agent a SET agent_nickname = v.agent_nickname, name = v.name, email = v.email,
                        external_id = v.external_id, on_premise = v.on_premise, kind = v.kind,
                        position_at = v.position_at
                    FROM v
                    WHERE a.id = v.id AND NOT EXISTS (SELECT 1 FROM inserted) AND a.position_at < v.position_at
                      AND (a.agent_nickname, a.name, a.email, a.external_id, a.on_premise)
                          IS DISTINCT FROM (v.agent_nickname, v.name, v.email, v.external_id, v.on_premise)""")) {
                for (Snapshot snapshot : newest.values()) {
                    AgentData a = snapshot.agent();
                    ps.setString(1, a.id());
                    ps.setString(2, a.agentNickname());
                    ps.setString(3, a.name());
                    ps.setString(4, a.email());
                    ps.setString(5, a.externalId());
                    ps.setObject(6, a.onPremise(), Types.BOOLEAN);
                    ps.setString(7, Normalization.agentKind(a.id()));
                    ps.setString(8, snapshot.at().toString());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }
}
