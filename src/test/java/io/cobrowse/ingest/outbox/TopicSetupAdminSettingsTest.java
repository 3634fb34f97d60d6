package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The topics' admin client connects as the producer does: same servers, same transport security. */
class TopicSetupAdminSettingsTest {

    @Test
    void takesTheTransportSettingsOfTheKafkaConfigurationAndLeavesWhatAnAdminClientDoesNotKnow() {
        Map<String, Object> kafka = Map.of(
                "bootstrap.servers", "kafka-bootstrap:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/cobrowse/kafka-ca/ca.crt",
                "group.id", "cobrowse-ingest");

        Map<String, Object> admin = TopicSetup.adminSettings(kafka);

        assertThat(admin)
                .containsEntry("bootstrap.servers", "kafka-bootstrap:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", kafka.get("sasl.jaas.config"))
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/cobrowse/kafka-ca/ca.crt")
                .containsKeys("request.timeout.ms", "default.api.timeout.ms")
                .doesNotContainKey("group.id");
    }
}
