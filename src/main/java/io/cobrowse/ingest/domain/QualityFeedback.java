package io.cobrowse.ingest.domain;

import java.math.BigDecimal;

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
}
