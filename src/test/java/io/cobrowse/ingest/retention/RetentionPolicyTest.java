package io.cobrowse.ingest.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cobrowse.ingest.config.RetentionSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    record Settings(Duration rawBodies, Duration webhooks, Duration published) implements RetentionSettings {}

    @Test
    void aZeroOrNegativePeriodRefusesStartUpNamingItsVariable() {
        assertThatThrownBy(
                        () -> new RetentionPolicy(new Settings(Duration.ZERO, Duration.ofDays(30), Duration.ofDays(7))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("COBROWSE_RETENTION_RAW_BODIES must be a positive duration");
        assertThatThrownBy(() ->
                        new RetentionPolicy(new Settings(Duration.ofDays(7), Duration.ofDays(-1), Duration.ofDays(7))))
                .hasMessageContaining("COBROWSE_RETENTION_WEBHOOKS must be a positive duration");
        assertThatThrownBy(() -> new RetentionPolicy(
                        new Settings(Duration.ofDays(7), Duration.ofDays(30), Duration.ofSeconds(-5))))
                .hasMessageContaining("COBROWSE_RETENTION_PUBLISHED (or its former name COBROWSE_RELAY_CLEANUP_AFTER)"
                        + " must be a positive duration");
    }

    @Test
    void rawBodiesLongerThanTheWebhooksAreAllowedAndGoWithTheirRows() {
        RetentionPolicy policy =
                new RetentionPolicy(new Settings(Duration.ofDays(60), Duration.ofDays(30), Duration.ofDays(7)));
        assertThat(policy.of(Retained.RAW_BODIES)).isEqualTo(Duration.ofDays(60));
        assertThat(policy.of(Retained.WEBHOOKS)).isEqualTo(Duration.ofDays(30));
        assertThat(policy.of(Retained.PUBLISHED)).isEqualTo(Duration.ofDays(7));
    }
}
