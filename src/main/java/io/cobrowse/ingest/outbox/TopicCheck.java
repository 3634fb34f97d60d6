package io.cobrowse.ingest.outbox;

import io.cobrowse.ingest.config.IngestConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What is wrong, for publishing, with the topics as they exist: a topic missing (a broker that creates
 * topics on first use would create it with its own defaults), or a visitors topic that is not compacted
 * (it would keep every old value of every visitor, an erased one's included).
 */
final class TopicCheck {

    private static final long TIMEOUT_SECONDS = 15;

    private TopicCheck() {}

    /** The problems found, described without personal data; empty when publishing may go ahead. */
    static List<String> problems(Admin admin, IngestConfig.Topics topics) throws Exception {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> problems = new ArrayList<>();
        for (String topic : List.of(topics.visitors(), topics.sessions())) {
            if (!existing.contains(topic)) {
                problems.add(topic + " does not exist");
            }
        }
        if (existing.contains(topics.visitors())) {
            ConfigResource visitors = new ConfigResource(ConfigResource.Type.TOPIC, topics.visitors());
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(List.of(visitors)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            ConfigEntry policy = configs.get(visitors).get(TopicConfig.CLEANUP_POLICY_CONFIG);
            String value = policy == null ? "" : policy.value();
            if (!List.of(value.split(",")).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                problems.add(topics.visitors() + " is not compacted (cleanup.policy=" + value + ")");
            }
        }
        return problems;
    }
}
