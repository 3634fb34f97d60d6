package io.cobrowse.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.infra.LocalInfra;
import io.cobrowse.ingest.infra.LocalKafka.SecureListener;
import io.cobrowse.ingest.support.KafkaRecords;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;

/**
 * The service as the prod overlay runs it: PostgreSQL over TLS with the server's certificate checked, Kafka over
 * TLS with SCRAM as the KafkaUser of k8s/kafka, allowed exactly its ACLs (see {@link ProdTransport}). The test
 * run's servers have these listeners only when the test run starts them.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = ProdTransport.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@DisabledIf("io.cobrowse.ingest.infra.InfraResource#external")
class TransportSecurityTest {

    private static final String VISITOR = "k7Qm2Xp9";

    @Test
    void aWebhookIsStoredOverTlsAndPublishedWithTheKafkaUsersAclsAlone() throws Exception {
        Webhooks.send(Webhooks.newId(), Webhooks.sample("visitor.updated"))
                .then()
                .statusCode(202);

        var records = KafkaRecords.readKey(
                InfraResource.infra().bootstrapServers(),
                List.of(ProdTransport.visitors()),
                VISITOR,
                r -> !r.isEmpty(),
                Duration.ofSeconds(30));
        assertThat(records).as("records on the visitors topic").isNotEmpty();
        // the only way this user logs in is over TLS (pg_hba), and every one of its sessions is encrypted
        try (Connection c = superuser();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), count(*) FILTER (WHERE s.ssl) FROM pg_stat_activity a"
                        + " JOIN pg_stat_ssl s USING (pid) WHERE a.usename = '" + LocalInfra.TLS_ONLY_USER + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the service's sessions").isPositive();
            assertThat(rs.getInt(2)).as("of which over TLS").isEqualTo(rs.getInt(1));
        }
    }

    @Test
    void postgresRefusesTheServicesUserWithoutTls() {
        String url = InfraResource.infra().directJdbcUrl() + "?sslmode=disable";

        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, LocalInfra.TLS_ONLY_USER, LocalInfra.TLS_ONLY_PASSWORD)
                                .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no encryption");
    }

    @Test
    void theKafkaUserMayNeitherWriteAnotherTopicNorRead() throws Exception {
        String other = "secure-" + ProdTransport.SUFFIX + ".other";
        try (Admin admin =
                Admin.create(Map.of("bootstrap.servers", InfraResource.infra().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(other, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        String user = ProdTransport.kafkaUserName();

        assertThat(writeError(user, other)).isInstanceOf(TopicAuthorizationException.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                clientSettings(
                        user, Map.of("group.id", "secure-" + ProdTransport.SUFFIX, "auto.offset.reset", "earliest")),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(ProdTransport.visitors()));
            assertThatThrownBy(() -> {
                        for (int i = 0; i < 20; i++) {
                            consumer.poll(Duration.ofMillis(500));
                        }
                    })
                    .isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void aUserTheAclsDoNotNameMayNotWriteTheServicesTopics() throws Exception {
        String someoneElse = LocalInfra.KAFKA_USERS.keySet().stream()
                .filter(u -> !u.equals(ProdTransport.kafkaUserName()))
                .findFirst()
                .orElseThrow();

        assertThat(writeError(someoneElse, ProdTransport.visitors())).isInstanceOf(TopicAuthorizationException.class);
        assertThat(writeError(someoneElse, ProdTransport.sessions())).isInstanceOf(TopicAuthorizationException.class);
    }

    /** What writing one record as the user fails with, or null when it is written. */
    private static Throwable writeError(String user, String topic) throws InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                clientSettings(
                        user,
                        Map.of("max.block.ms", "10000", "delivery.timeout.ms", "15000", "request.timeout.ms", "5000")),
                new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "forged", "{}")).get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (KafkaException | TimeoutException e) {
            return e;
        }
    }

    private static Map<String, Object> clientSettings(String user, Map<String, String> more) {
        SecureListener secure = InfraResource.infra().kafkaSecureListener();
        Map<String, Object> settings = new HashMap<>(Map.of(
                "bootstrap.servers",
                secure.bootstrapServers(),
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                SecureListener.MECHANISM,
                "sasl.jaas.config",
                SecureListener.jaasConfig(user, LocalInfra.KAFKA_USERS.get(user)),
                "ssl.truststore.type",
                "PEM",
                "ssl.truststore.location",
                secure.certificates().certificate().toString()));
        settings.putAll(more);
        return settings;
    }

    private static Connection superuser() throws SQLException {
        return DriverManager.getConnection(InfraResource.infra().directJdbcUrl(), LocalInfra.USER, LocalInfra.PASSWORD);
    }
}
