package io.cobrowse.ingest.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.config.RetentionSettings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The retention settings as the packaged application.properties and the environment give them: the contract's
 * defaults, and COBROWSE_RELAY_CLEANUP_AFTER still setting the published records' retention unless
 * COBROWSE_RETENTION_PUBLISHED is there too.
 */
class RetentionSettingsTest {

    @Test
    void withoutEnvironmentTheContractDefaultsApply() throws IOException {
        RetentionSettings s = settings(Map.of());
        assertThat(s.rawBodies()).isEqualTo(Duration.ofDays(7));
        assertThat(s.webhooks()).isEqualTo(Duration.ofDays(30));
        assertThat(s.published()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void theEarlierVariableStillSetsThePublishedRecordsRetention() throws IOException {
        assertThat(settings(Map.of("COBROWSE_RELAY_CLEANUP_AFTER", "PT36H")).published())
                .isEqualTo(Duration.ofHours(36));
    }

    @Test
    void theNewVariableWinsOverTheEarlierOne() throws IOException {
        assertThat(settings(Map.of("COBROWSE_RELAY_CLEANUP_AFTER", "PT36H", "COBROWSE_RETENTION_PUBLISHED", "P3D"))
                        .published())
                .isEqualTo(Duration.ofDays(3));
    }

    @Test
    void eachPeriodHasItsVariable() throws IOException {
        RetentionSettings s = settings(Map.of(
                "COBROWSE_RETENTION_RAW_BODIES", "PT12H",
                "COBROWSE_RETENTION_WEBHOOKS", "P14D"));
        assertThat(s.rawBodies()).isEqualTo(Duration.ofHours(12));
        assertThat(s.webhooks()).isEqualTo(Duration.ofDays(14));
    }

    private static RetentionSettings settings(Map<String, String> environment) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        RetentionSettingsTest.class.getResource("/application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(RetentionSettings.class, "cobrowse.retention")
                .build();
        return config.getConfigMapping(RetentionSettings.class, "cobrowse.retention");
    }
}
