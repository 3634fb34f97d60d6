package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.Rendering.render;
import static io.cobrowse.ingest.deploy.YamlNodes.firstText;
import static io.cobrowse.ingest.deploy.YamlNodes.name;
import static io.cobrowse.ingest.deploy.YamlNodes.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The service's Kafka topics (see {@link Rendering}): created by the service itself, or Strimzi KafkaTopic resources
 * in a kustomization of their own (k8s/kafka, for the Kafka cluster's namespace) that carry the service's topic
 * names and policies as the prod overlay configures them.
 */
class StrimziTopicsTest {

    private static final AppConfig APP = AppConfig.load();

    static List<String> kustomizations() {
        return Rendering.CHECKED;
    }

    /** KafkaTopics in an application overlay would land in its namespace, where no Topic Operator looks. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void noApplicationKustomizationDeclaresTopics(String overlay) {
        assertThat(render(overlay).all("KafkaTopic"))
                .as("%s: KafkaTopic resources", overlay)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void onlyProdLeavesTheTopicsToStrimzi(String overlay) {
        boolean serviceCreatesTopics = Boolean.parseBoolean(
                render(overlay).envValue("COBROWSE_TOPICS_CREATE").orElse(APP.forVariable("COBROWSE_TOPICS_CREATE")));

        assertThat(serviceCreatesTopics)
                .as("%s: COBROWSE_TOPICS_CREATE", overlay)
                .isEqualTo(!overlay.equals("prod"));
    }

    @Test
    void kafkaTopicResourcesCarryTheServicesTopicNamesAndPoliciesAsProdConfiguresThem() {
        Rendering r = render("prod");
        List<JsonNode> topics = render(Rendering.KAFKA).all("KafkaTopic");
        String overlay = Rendering.KAFKA;
        String visitors = r.envValue("COBROWSE_TOPICS_VISITORS").orElse(APP.visitorsTopic());
        String sessions = r.envValue("COBROWSE_TOPICS_SESSIONS").orElse(APP.sessionsTopic());

        Map<String, JsonNode> byName = topics.stream()
                .collect(Collectors.toMap(
                        t -> firstText(
                                t.path("spec").path("topicName"),
                                t.path("metadata").path("name")),
                        t -> t));
        assertThat(byName.keySet()).as("%s: KafkaTopic names", overlay).containsExactlyInAnyOrder(visitors, sessions);
        for (JsonNode topic : topics) {
            // Strimzi 1.0 serves only v1
            assertThat(topic.path("apiVersion").asText())
                    .as("%s: %s apiVersion", overlay, name(topic))
                    .isEqualTo("kafka.strimzi.io/v1");
            assertThat(topic.path("metadata").path("namespace").asText())
                    .as("%s: %s is for the Topic Operator's namespace", overlay, name(topic))
                    .isNotBlank();
            assertThat(topic.path("metadata")
                            .path("labels")
                            .path("strimzi.io/cluster")
                            .asText())
                    .as("%s: %s strimzi.io/cluster", overlay, name(topic))
                    .isNotBlank();
            JsonNode spec = topic.path("spec");
            int replicas = spec.path("replicas").asInt();
            assertThat(spec.path("partitions").asInt())
                    .as("%s: %s partitions", overlay, name(topic))
                    .isPositive();
            assertThat(spec.path("config").path("min.insync.replicas").asInt(1))
                    .as(
                            "%s: %s min.insync.replicas leaves room for one broker down (replicas %d)",
                            overlay, name(topic), replicas)
                    .isBetween(1, replicas - 1);
            APP.maxRequestSize().ifPresent(size -> assertThat(
                            spec.path("config").path("max.message.bytes").asLong())
                    .as("%s: %s max.message.bytes >= the producer's max.request.size", overlay, name(topic))
                    .isGreaterThanOrEqualTo(size));
        }
        JsonNode visitorsConfig = byName.get(visitors).path("spec").path("config");
        JsonNode sessionsConfig = byName.get(sessions).path("spec").path("config");
        assertThat(visitorsConfig.path("cleanup.policy").asText())
                .as("%s: visitors cleanup.policy", overlay)
                .isEqualTo("compact");
        assertThat(sessionsConfig.path("cleanup.policy").asText("delete"))
                .as("%s: sessions cleanup.policy", overlay)
                .isEqualTo("delete");
        Duration retention = Duration.parse(r.envValue("COBROWSE_TOPICS_SESSIONS_RETENTION")
                .orElse(APP.forVariable("COBROWSE_TOPICS_SESSIONS_RETENTION")));
        assertThat(sessionsConfig.path("retention.ms").asLong())
                .as("%s: sessions retention.ms", overlay)
                .isEqualTo(retention.toMillis());
        long segment = millis(r, "COBROWSE_TOPICS_SEGMENT_ROLL");
        assertThat(visitorsConfig.path("segment.ms").asLong())
                .as("%s: visitors segment.ms", overlay)
                .isEqualTo(segment);
        assertThat(sessionsConfig.path("segment.ms").asLong())
                .as("%s: sessions segment.ms", overlay)
                .isEqualTo(segment);
        assertThat(visitorsConfig.path("max.compaction.lag.ms").asLong())
                .as("%s: visitors max.compaction.lag.ms", overlay)
                .isEqualTo(millis(r, "COBROWSE_TOPICS_MAX_COMPACTION_LAG"));
        assertThat(visitorsConfig.path("delete.retention.ms").asLong())
                .as("%s: visitors delete.retention.ms", overlay)
                .isEqualTo(millis(r, "COBROWSE_TOPICS_TOMBSTONE_RETENTION"));
    }

    /** A duration setting of the service in this overlay, as milliseconds. */
    private static long millis(Rendering r, String variable) {
        return Duration.parse(r.envValue(variable).orElse(APP.forVariable(variable)))
                .toMillis();
    }

    @Test
    void prodReachesTheClusterOfTheTopics() {
        Rendering prod = render("prod");
        List<JsonNode> topics = render(Rendering.KAFKA).all("KafkaTopic");
        assertThat(topics).as("topics: KafkaTopic resources").hasSize(2);

        Set<String> clusters = topics.stream()
                .map(t -> t.path("metadata")
                        .path("labels")
                        .path("strimzi.io/cluster")
                        .asText())
                .collect(Collectors.toSet());
        String cluster = only(new ArrayList<>(clusters), "prod: one Strimzi cluster for both topics");
        for (String server : prod.env("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
            assertThat(server.trim())
                    .as("prod: bootstrap server of Strimzi cluster %s", cluster)
                    .startsWith(cluster + "-kafka-bootstrap");
        }
    }
}
