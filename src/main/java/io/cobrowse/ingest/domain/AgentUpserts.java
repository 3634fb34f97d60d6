package io.cobrowse.ingest.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.cobrowse.ingest.event.InboundData.AgentData;
import io.cobrowse.ingest.event.Normalization;

/**
 * Agents are shared by sessions of many visitors, so concurrent transactions upsert the same rows:
 * one atomic statement per agent, in a fixed key order so two transactions cannot deadlock on them.
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
                        INSERT INTO agent AS a (id, agent_nickname, name, email, external_id, on_premise, kind, position_at)
                        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                        ON CONFLICT (id) DO UPDATE SET agent_nickname = EXCLUDED.agent_nickname,
                            name = EXCLUDED.name, email = EXCLUDED.email, external_id = EXCLUDED.external_id,
                            on_premise = EXCLUDED.on_premise, kind = EXCLUDED.kind, position_at = EXCLUDED.position_at
                        WHERE a.position_at <= EXCLUDED.position_at""")
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
