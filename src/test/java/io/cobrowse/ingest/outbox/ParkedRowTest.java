package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.infra.LocalInfra;
import io.cobrowse.ingest.support.CapturedLog;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.Management;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.utils.Utils;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * A record the broker refuses for good (its topic's limit lowered below it) is parked: only the later
 * records of its key wait, other keys flow on and are sent once, and once the limit is raised again the
 * parked record and those behind it go out in order.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class ParkedRowTest {

    private static final List<String> VISITORS = List.of(KafkaPublishTest.VISITORS);
    private static final Pattern PARKED = Pattern.compile("(?m)^cobrowse_outbox_parked_rows(?:\\{[^}]*})? (\\S+)$");

    @Test
    void aRefusedRecordHoldsBackOnlyItsOwnKeyUntilTheCauseIsFixed() throws Exception {
        String parked = "p" + UUID.randomUUID().toString().substring(0, 8);
        try (CapturedLog captured = CapturedLog.of(OutboxRelay.class.getName());
                Admin admin = admin()) {
            // on the same Kafka partition, so that the two records can share a producer batch
            String other = sharingThePartitionOf(admin, parked);
            setMaxMessageBytes(admin, "2000");
            try {
                String big = Webhooks.newId();
                List<String> others = List.of(Webhooks.newId(), Webhooks.newId());
                // With the broker away, the relay's round waits on a first record while both of these commit; once
                // the broker is back, they go out in the next round, in one producer batch, which the broker
                // refuses as a whole.
                LocalInfra infra = InfraResource.infra();
                Assumptions.assumeTrue(infra != null, "needs the test run's own broker");
                infra.kafkaProxy().cut();
                try {
                    String first = "f" + UUID.randomUUID().toString().substring(0, 8);
                    Webhooks.send(Webhooks.newId(), KafkaPublishTest.visitorAt(first, "2026-11-24T09:59:59Z"))
                            .then()
                            .statusCode(202);
                    Thread.sleep(1000);
                    Webhooks.send(big, visitorWithUrl(parked, "2026-11-24T10:00:00Z", "x".repeat(6000)))
                            .then()
                            .statusCode(202);
                    Webhooks.send(others.get(0), KafkaPublishTest.visitorAt(other, "2026-11-24T10:00:01Z"))
                            .then()
                            .statusCode(202);
                    Thread.sleep(1000);
                } finally {
                    infra.kafkaProxy().restore();
                }
                // one failed round (the producer's delivery time-out of 20 s), then the record is sent alone
                Relays.await("the refused record counted as parked", Duration.ofSeconds(35), () -> parkedRows() == 1);
                String later = Webhooks.newId();
                Webhooks.send(later, KafkaPublishTest.visitorAt(parked, "2026-11-24T10:00:02Z"))
                        .then()
                        .statusCode(202);
                Webhooks.send(others.get(1), KafkaPublishTest.visitorAt(other, "2026-11-24T10:00:03Z"))
                        .then()
                        .statusCode(202);

                var otherRecords = KafkaRecords.readKey(
                        VISITORS, other, seen -> KafkaRecords.distinctIds(seen).size() >= 2, Duration.ofSeconds(30));
                assertThat(KafkaRecords.distinctIds(otherRecords)).containsExactlyElementsOf(others);
                // rounds go on meanwhile (a poll a second at least): none of them sends the other key again
                Thread.sleep(5000);
                otherRecords = KafkaRecords.readKey(VISITORS, other, seen -> false, Duration.ofSeconds(5));
                assertThat(otherRecords)
                        .as("each record of the other key sent once")
                        .hasSize(2);
                assertThat(KafkaRecords.readKey(VISITORS, parked, seen -> false, Duration.ofSeconds(3)))
                        .as("the refused key's records wait")
                        .isEmpty();
                assertThat(parkedRows()).isEqualTo(1);
                // tried again every two seconds meanwhile, and logged only the first time
                assertThat(captured.messages(Level.WARNING).stream()
                                .filter(m -> m.contains(" parked: ") || m.contains("another reason")))
                        .as("warnings of a parked row")
                        .hasSize(1);

                setMaxMessageBytes(admin, "4194304");
                var parkedRecords = KafkaRecords.readKey(
                        VISITORS, parked, seen -> KafkaRecords.distinctIds(seen).size() >= 2, Duration.ofSeconds(90));
                assertThat(KafkaRecords.distinctIds(parkedRecords)).containsExactly(big, later);
                Relays.await("no parked row left", Duration.ofSeconds(30), () -> parkedRows() == 0);
            } finally {
                setMaxMessageBytes(admin, "4194304");
            }
        }
    }

    /** Another visitor key whose records the producer's partitioner puts on the same partition. */
    private static String sharingThePartitionOf(Admin admin, String key) throws Exception {
        int partitions = admin.describeTopics(List.of(KafkaPublishTest.VISITORS))
                .allTopicNames()
                .get()
                .get(KafkaPublishTest.VISITORS)
                .partitions()
                .size();
        while (true) {
            String other = "o" + UUID.randomUUID().toString().substring(0, 8);
            if (partitionOf(other, partitions) == partitionOf(key, partitions)) {
                return other;
            }
        }
    }

    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    static Admin admin() {
        return Admin.create(Map.of(
                "bootstrap.servers", ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class)));
    }

    private static void setMaxMessageBytes(Admin admin, String bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, KafkaPublishTest.VISITORS);
        admin.incrementalAlterConfigs(Map.of(
                        topic,
                        List.of(new AlterConfigOp(
                                new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes),
                                AlterConfigOp.OpType.SET))))
                .all()
                .get();
        Relays.await("max.message.bytes " + bytes + " in force", Duration.ofSeconds(30), () -> {
            try {
                return bytes.equals(admin.describeConfigs(List.of(topic))
                        .all()
                        .get()
                        .get(topic)
                        .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG)
                        .value());
            } catch (Exception e) {
                return false;
            }
        });
    }

    /** The gauge as Prometheus reads it; -1 while absent. */
    static double parkedRows() {
        String metrics = Management.metrics();
        Matcher m = PARKED.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    private static String visitorWithUrl(String visitor, String timestamp, String url) {
        return Webhooks.envelope(
                "visitor.updated",
                timestamp,
                "{\"short_id\":\"" + visitor + "\",\"last_url\":\"https://example.com/" + url + "\"}");
    }
}
