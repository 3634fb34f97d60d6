package io.cobrowse.ingest.domain;

import java.util.Objects;

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

    /** By value, so an unchanged list of notes keeps its rows. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AgentNote n && Objects.equals(text, n.text) && Objects.equals(by, n.by);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text, by);
    }
}
