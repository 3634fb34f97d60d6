package io.cobrowse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The service talks to a real PostgreSQL (schema by Flyway) and a real Kafka broker. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class InfraRoundTripTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void flywayCreatedTheSchemaInARealPostgresql() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            ResultSet version = s.executeQuery("SELECT version()");
            version.next();
            assertThat(version.getString(1)).startsWith("PostgreSQL");
            ResultSet migrations =
                    s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'");
            migrations.next();
            assertThat(migrations.getInt(1)).isEqualTo(1);
            s.executeUpdate("INSERT INTO agent (id, name, position_at) VALUES ('u_roundtrip', 'Round Trip', now())");
            ResultSet row = s.executeQuery("SELECT name FROM agent WHERE id = 'u_roundtrip'");
            row.next();
            assertThat(row.getString(1)).isEqualTo("Round Trip");
            s.executeUpdate("DELETE FROM agent WHERE id = 'u_roundtrip'");
        }
    }

    @Test
    void aRecordMakesItThroughTheBroker() throws Exception {
        String topic = "roundtrip-" + UUID.randomUUID();
        try (var admin = org.apache.kafka.clients.admin.Admin.create(
                Map.<String, Object>of("bootstrap.servers", bootstrapServers))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 1, (short) 1)))
                    .all()
                    .get();
        }
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", bootstrapServers),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<>(
                Map.<String, Object>of(
                        "bootstrap.servers", bootstrapServers, "group.id", topic, "auto.offset.reset", "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    assertThat(records.iterator().next().value()).isEqualTo("hello");
                    return;
                }
            }
        }
        throw new AssertionError("the record did not come back from the broker");
    }
}
