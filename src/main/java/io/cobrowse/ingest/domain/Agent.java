package io.cobrowse.ingest.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An agent, shared by many sessions. Written only by the group's inbox statement, with the SQL of
 * {@link AgentUpserts} (concurrent sessions share agents), read through this entity.
 */
@Entity
@Table(name = "agent")
public class Agent extends PanacheEntityBase {

    @Id
    public String id;

    public String agentNickname;
    public String name;
    public String email;
    public String externalId;
    public Boolean onPremise;
    public String kind;
    public Instant positionAt;
}
