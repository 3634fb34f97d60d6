package io.cobrowse.ingest.domain;

import java.math.BigDecimal;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

@Embeddable
public class QualityFeedback {

    public BigDecimal rating;
    public String feedback;
    @Column(name = "by_agent_id")
    public String by;

    protected QualityFeedback() {
    }

    public QualityFeedback(BigDecimal rating, String feedback, String by) {
        this.rating = rating;
        this.feedback = feedback;
        this.by = by;
    }

    /** By value, scale included (5 and 5.0 differ), so an unchanged list keeps its rows exactly. */
    @Override
    public boolean equals(Object o) {
        return o instanceof QualityFeedback f && Objects.equals(rating, f.rating)
                && Objects.equals(feedback, f.feedback) && Objects.equals(by, f.by);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rating, feedback, by);
    }
}
