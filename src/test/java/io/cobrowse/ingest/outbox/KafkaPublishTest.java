package io.cobrowse.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.AsyncApi;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.Management;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What downstream consumers read, from the real broker. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class KafkaPublishTest {

    static final String VISITORS = "cobrowse.visitors.v1";
    static final String SESSIONS = "cobrowse.sessions.v1";
    static final List<String> TOPICS = List.of(VISITORS, SESSIONS);
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everySampleReachesItsTopicWithTheContractsHeadersKeyAndValue() throws Exception {
        String visitor = "v" + UUID.randomUUID().toString().substring(0, 8);
        String session = "ses_" + visitor;
        List<String> types =
                List.of("visitor.updated", "session.started", "session.state", "session.ended", "visitor.deleted");
        List<String> ids = new ArrayList<>();
        for (String type : types) {
            String id = Webhooks.newId();
            ids.add(id);
            Webhooks.send(id, Webhooks.sampleFor(type, visitor, session)).then().statusCode(202);
        }
        List<ConsumerRecord<String, String>> records =
                KafkaRecords.readKey(TOPICS, visitor, seen -> seen.size() >= types.size(), Duration.ofSeconds(30));
        assertThat(records).hasSize(types.size());
        for (ConsumerRecord<String, String> r : records) {
            String id = KafkaRecords.header(r, "ce_id");
            String type = types.get(ids.indexOf(id));
            JsonNode envelope = JSON.readTree(Webhooks.sampleFor(type, visitor, session));
            assertThat(r.key()).isEqualTo(visitor);
            assertThat(r.topic()).isEqualTo(type.startsWith("visitor.") ? VISITORS : SESSIONS);
            assertThat(KafkaRecords.header(r, "ce_specversion")).isEqualTo("1.0");
            assertThat(KafkaRecords.header(r, "ce_source")).isEqualTo("/webhooks/cobrowse");
            assertThat(KafkaRecords.header(r, "ce_type")).isEqualTo("cobrowse." + type);
            assertThat(KafkaRecords.header(r, "ce_subject")).isEqualTo(type.startsWith("visitor.") ? visitor : session);
            assertThat(java.time.Instant.parse(KafkaRecords.header(r, "ce_time")))
                    .isEqualTo(java.time.OffsetDateTime.parse(
                                    envelope.get("timestamp").asText())
                            .toInstant());
            assertThat(KafkaRecords.header(r, "ce_time")).endsWith("Z");
            // the record as the AsyncAPI document describes its message
            String message =
                    r.topic().equals(SESSIONS) ? "session" : r.value() == null ? "visitorTombstone" : "visitor";
            ObjectNode headers = JSON.createObjectNode();
            r.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
            assertThat(AsyncApi.headers(message).validate(headers))
                    .as("%s headers against the AsyncAPI message %s", type, message)
                    .isEmpty();
            if (type.equals("visitor.deleted")) {
                assertThat(r.value()).isNull();
                assertThat(KafkaRecords.header(r, "content-type")).isNull();
                assertThat(KafkaRecords.header(r, "ce_dataschema")).isNull();
            } else {
                assertThat(KafkaRecords.header(r, "content-type")).isEqualTo("application/json");
                // the $id of the schema the value follows
                assertThat(KafkaRecords.header(r, "ce_dataschema"))
                        .isEqualTo(schemaId(type.startsWith("visitor.") ? "visitor" : "session"));
                JsonNode value = JSON.readTree(r.value());
                if (type.startsWith("visitor.")) {
                    assertThat(value.get("short_id").asText()).isEqualTo(visitor);
                    assertThat(value.get("name").asText()).isEqualTo("Ada Lovelace");
                    assertThat(value.get("device_type").asText()).isEqualTo("mobile");
                } else {
                    assertThat(value.get("id").asText()).isEqualTo(session);
                    assertThat(value.get("visitor_id").asText()).isEqualTo(visitor);
                    assertThat(value.get("agents").get(0).get("kind").asText()).isEqualTo("api");
                    assertThat(value.get("connections").size()).isEqualTo(type.equals("session.started") ? 0 : 2);
                }
            }
        }
        // order holds per key within each topic
        assertThat(KafkaRecords.distinctIds(
                        records.stream().filter(r -> r.topic().equals(SESSIONS)).toList()))
                .containsExactlyElementsOf(ids.subList(1, 4));
        assertThat(KafkaRecords.distinctIds(
                        records.stream().filter(r -> r.topic().equals(VISITORS)).toList()))
                .containsExactly(ids.get(0), ids.get(4));
    }

    @Test
    void duplicatesStaleAndRejectedWebhooksPublishNothing() {
        String visitor = "v" + UUID.randomUUID().toString().substring(0, 8);
        String first = Webhooks.newId();
        String body = visitorAt(visitor, "2026-11-24T10:00:00Z");
        Webhooks.send(first, body).then().statusCode(202);
        Webhooks.send(first, body).then().statusCode(200);
        String stale = Webhooks.newId();
        Webhooks.send(stale, visitorAt(visitor, "2026-11-24T09:00:00Z")).then().statusCode(202);
        String rejected = Webhooks.newId();
        Webhooks.send(
                        rejected,
                        Webhooks.envelope(
                                "visitor.updated",
                                "2026-11-24T12:00:00Z",
                                "{\"short_id\":\"" + visitor + "\",\"is_online\":\"yes\"}"))
                .then()
                .statusCode(400);
        String last = Webhooks.newId();
        Webhooks.send(last, visitorAt(visitor, "2026-11-24T11:00:00Z")).then().statusCode(202);

        List<ConsumerRecord<String, String>> records = KafkaRecords.readKey(
                TOPICS, visitor, seen -> KafkaRecords.distinctIds(seen).contains(last), Duration.ofSeconds(30));
        assertThat(records).extracting(r -> KafkaRecords.header(r, "ce_id")).containsExactly(first, last);
    }

    @Test
    void withTheBrokerAwayWebhooksAreAcceptedAndLaterPublishedInOrderPerVisitor() {
        var infra = InfraResource.infra();
        org.junit.jupiter.api.Assumptions.assumeTrue(infra != null, "needs the test run's own broker");
        String a = "v" + UUID.randomUUID().toString().substring(0, 8);
        String b = "v" + UUID.randomUUID().toString().substring(0, 8);
        List<String> sentA = new ArrayList<>();
        List<String> sentB = new ArrayList<>();
        infra.kafkaProxy().cut();
        try {
            for (int i = 0; i < 10; i++) {
                String ts = "2026-11-24T10:00:" + String.format("%02d", i) + "Z";
                String idA = Webhooks.newId();
                Webhooks.send(idA, visitorAt(a, ts)).then().statusCode(202);
                sentA.add(idA);
                String idB = Webhooks.newId();
                Webhooks.send(idB, visitorAt(b, ts)).then().statusCode(202);
                sentB.add(idB);
            }
            Management.given()
                    .when()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"));
            Management.given()
                    .when()
                    .get("/q/health/live")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"));
        } finally {
            infra.kafkaProxy().restore();
        }
        List<ConsumerRecord<String, String>> recordsA = KafkaRecords.readKey(
                TOPICS, a, seen -> KafkaRecords.distinctIds(seen).size() >= 10, Duration.ofSeconds(90));
        List<ConsumerRecord<String, String>> recordsB = KafkaRecords.readKey(
                TOPICS, b, seen -> KafkaRecords.distinctIds(seen).size() >= 10, Duration.ofSeconds(30));
        assertThat(KafkaRecords.distinctIds(recordsA)).containsExactlyElementsOf(sentA);
        assertThat(KafkaRecords.distinctIds(recordsB)).containsExactlyElementsOf(sentB);
    }

    @Test
    void aDeletedVisitorBecomesATombstoneOnTheCompactedTopic() throws Exception {
        String visitor = "v" + UUID.randomUUID().toString().substring(0, 8);
        Webhooks.send(Webhooks.newId(), visitorAt(visitor, "2026-11-24T10:00:00Z"))
                .then()
                .statusCode(202);
        String deletion = Webhooks.newId();
        Webhooks.send(
                        deletion,
                        Webhooks.envelope(
                                "visitor.deleted", "2026-11-24T11:00:00Z", "{\"short_id\":\"" + visitor + "\"}"))
                .then()
                .statusCode(202);
        List<ConsumerRecord<String, String>> records = KafkaRecords.readKey(
                List.of(VISITORS),
                visitor,
                seen -> KafkaRecords.distinctIds(seen).contains(deletion),
                Duration.ofSeconds(30));
        ConsumerRecord<String, String> tombstone = records.get(records.size() - 1);
        assertThat(KafkaRecords.header(tombstone, "ce_id")).isEqualTo(deletion);
        assertThat(tombstone.value()).isNull();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.<String, Object>of(
                "bootstrap.servers",
                org.eclipse.microprofile.config.ConfigProvider.getConfig()
                        .getValue("kafka.bootstrap.servers", String.class)))) {
            var resource = new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.TOPIC, VISITORS);
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    static String visitorAt(String visitor, String timestamp) {
        return Webhooks.envelope(
                "visitor.updated",
                timestamp,
                "{\"short_id\":\"" + visitor + "\",\"email\":\"someone@example.com\",\"identities\":[]}");
    }

    /** The $id of a value schema, as the file states it. */
    static String schemaId(String kind) {
        try (var in = KafkaPublishTest.class.getResourceAsStream("/schemas/" + kind + ".v1.schema.json")) {
            return JSON.readTree(in).get("$id").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
