package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.Management;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/**
 * A visitors topic that is not compacted would keep every old value of every visitor, erased ones included:
 * it is reported (a failed health detail, a metric) and nothing is published until it is compacted again.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class TopicCheckTest {

    private static final Pattern MISCONFIGURED =
            Pattern.compile("(?m)^cobrowse_topics_misconfigured(?:\\{[^}]*})? (\\S+)$");

    @Test
    void aVisitorsTopicThatIsNotCompactedIsReportedAndNotPublishedTo() throws Exception {
        String visitor = "t" + UUID.randomUUID().toString().substring(0, 8);
        String id = Webhooks.newId();
        try (Admin admin = ParkedRowTest.admin()) {
            setCleanupPolicy(admin, TopicConfig.CLEANUP_POLICY_DELETE);
            try {
                Relays.await("the topic check reports the visitors topic", Duration.ofSeconds(60), () -> {
                    JsonPath kafka = kafkaCheck();
                    return !kafka.getBoolean("data.topicsReady")
                            && String.valueOf(kafka.getString("data.topicProblems"))
                                    .contains(KafkaPublishTest.VISITORS);
                });
                Management.given().when().get("/q/health/ready").then().statusCode(200);
                assertThat(misconfigured()).isEqualTo(1);
                Webhooks.send(id, KafkaPublishTest.visitorAt(visitor, "2026-11-24T10:00:00Z"))
                        .then()
                        .statusCode(202);
                assertThat(KafkaRecords.readKey(KafkaPublishTest.TOPICS, visitor, seen -> false, Duration.ofSeconds(8)))
                        .as("nothing published to a topic that is not compacted")
                        .isEmpty();
            } finally {
                setCleanupPolicy(admin, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
        }
        var records =
                KafkaRecords.readKey(KafkaPublishTest.TOPICS, visitor, seen -> !seen.isEmpty(), Duration.ofSeconds(60));
        assertThat(KafkaRecords.distinctIds(records)).containsExactly(id);
        assertThat(kafkaCheck().getBoolean("data.topicsReady")).isTrue();
        assertThat(misconfigured()).isZero();
    }

    private static JsonPath kafkaCheck() {
        JsonPath ready = Management.given()
                .when()
                .get("/q/health/ready")
                .then()
                .extract()
                .jsonPath();
        return new JsonPath(ready.prettify()).setRootPath("checks.find { it.name == 'kafka (informational)' }");
    }

    private static double misconfigured() {
        String metrics = Management.metrics();
        Matcher m = MISCONFIGURED.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static void setCleanupPolicy(Admin admin, String policy) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, KafkaPublishTest.VISITORS);
        admin.incrementalAlterConfigs(Map.of(
                        topic,
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, policy), AlterConfigOp.OpType.SET))))
                .all()
                .get();
    }
}
