package io.cobrowse.ingest.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.cobrowse.ingest.event.InboundData.AgentData;
import io.cobrowse.ingest.event.Normalization;

/**
 * Agents are shared by sessions of many visitors, so concurrent transactions write the same rows.
 * One statement per agent, in a fixed key order: it inserts a new agent, and updates a known one only
 * when the snapshot is newer and says something new, so the usual case takes no row lock at all.
 */
@ApplicationScoped
public class AgentUpserts {

    private final EntityManager em;

    public AgentUpserts(EntityManager em) {
        this.em = em;
    }

    public void upsert(List<AgentData> agents, Instant at) {
        agents.stream()
                .sorted(Comparator.comparing(AgentData::id))
                .forEach(a -> em.createNativeQuery("""
                        WITH v AS (
                            SELECT CAST(?1 AS text) AS id, CAST(?2 AS text) AS agent_nickname, CAST(?3 AS text) AS name,
                                   CAST(?4 AS text) AS email, CAST(?5 AS text) AS external_id,
                                   CAST(?6 AS boolean) AS on_premise, CAST(?7 AS text) AS kind,
                                   CAST(?8 AS timestamptz) AS position_at),
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
                              IS DISTINCT FROM (v.agent_nickname, v.name, v.email, v.external_id, v.on_premise)""")
                        .setParameter(1, a.id())
                        .setParameter(2, a.agentNickname())
                        .setParameter(3, a.name())
                        .setParameter(4, a.email())
                        .setParameter(5, a.externalId())
                        .setParameter(6, a.onPremise())
                        .setParameter(7, Normalization.agentKind(a.id()))
                        .setParameter(8, at)
                        .executeUpdate());
    }
}
