package io.cobrowse.ingest.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A note an agent left on a session; stored with the session as an element of a jsonb array. */
public record AgentNote(
        String text, @JsonProperty("by_agent_id") String by) {}
