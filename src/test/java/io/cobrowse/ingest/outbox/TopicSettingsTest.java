package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.infra.InfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * The topics the service creates bound how long an erased visitor's old values stay in Kafka: the visitors
 * topic is compacted within the hour and keeps tombstones a day; both topics roll their segments hourly.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class TopicSettingsTest {

    @Test
    void theCreatedTopicsCompactAndRollWithinTheHour() throws Exception {
        try (Admin admin = ParkedRowTest.admin()) {
            Map<String, Config> configs = describe(admin, KafkaPublishTest.VISITORS, KafkaPublishTest.SESSIONS);
            Config visitors = configs.get(KafkaPublishTest.VISITORS);
            Config sessions = configs.get(KafkaPublishTest.SESSIONS);
            assertThat(visitors.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(visitors.get("max.compaction.lag.ms").value()).isEqualTo("3600000");
            assertThat(visitors.get("segment.ms").value()).isEqualTo("3600000");
            assertThat(visitors.get("delete.retention.ms").value()).isEqualTo("86400000");
            assertThat(sessions.get("segment.ms").value()).isEqualTo("3600000");
        }
    }

    static Map<String, Config> describe(Admin admin, String... topics) throws Exception {
        List<ConfigResource> resources = java.util.Arrays.stream(topics)
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, Config> described =
                admin.describeConfigs(resources).all().get();
        Map<String, Config> byName = new java.util.HashMap<>();
        described.forEach((r, c) -> byName.put(r.name(), c));
        return byName;
    }
}
