package io.cobrowse.ingest.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
public class AgentNote {

    public String text;
    @Column(name = "by_agent_id")
    public String by;

    protected AgentNote() {
    }

    public AgentNote(String text, String by) {
        this.text = text;
        this.by = by;
    }
}
