package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A first start against a Kafka without the topics, as a new user's local run is: the service creates them and
 * publishes within seconds, not one check interval (a minute by default) later.
 */
@QuarkusTest
@TestProfile(FreshTopicsTest.NewTopics.class)
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class FreshTopicsTest {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

    public static class NewTopics implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "cobrowse.topics.visitors", "fresh-" + SUFFIX + ".visitors",
                    "cobrowse.topics.sessions", "fresh-" + SUFFIX + ".sessions",
                    "cobrowse.topics.check-interval", "1M");
        }
    }

    @Test
    void theFirstWebhookReachesTheTopicsTheServiceJustCreated() {
        Webhooks.send(Webhooks.newId(), Webhooks.sample("visitor.updated"))
                .then()
                .statusCode(202);
        var records = KafkaRecords.readKey(
                List.of("fresh-" + SUFFIX + ".visitors"), "k7Qm2Xp9", r -> !r.isEmpty(), Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
    }
}
