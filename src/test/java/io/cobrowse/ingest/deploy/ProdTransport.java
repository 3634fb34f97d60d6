package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.ProjectFiles.ROOT;
import static io.cobrowse.ingest.deploy.ProjectFiles.readYaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.infra.LocalInfra;
import io.cobrowse.ingest.infra.LocalKafka.SecureListener;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The prod overlay's transport settings, applied to the test run's servers: PostgreSQL over TLS as a user that may
 * log in no other way, and Kafka's TLS listener with SCRAM, as the KafkaUser of k8s/kafka with exactly its ACLs.
 * The topics are made as the Topic Operator makes them from k8s/kafka, under names of this run's own, which
 * the ACLs follow.
 */
public class ProdTransport implements QuarkusTestResourceLifecycleManager {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);

    /** The prod topic names and the names they have in this test. */
    static final Map<String, String> TOPICS = Map.of(
            "cobrowse.visitors.v1", "secure-" + SUFFIX + ".visitors",
            "cobrowse.sessions.v1", "secure-" + SUFFIX + ".sessions");

    static String visitors() {
        return TOPICS.get("cobrowse.visitors.v1");
    }

    static String sessions() {
        return TOPICS.get("cobrowse.sessions.v1");
    }

    static JsonNode kafkaUser() {
        return readYaml(ROOT.resolve("k8s/kafka/kafkauser.yaml")).get(0);
    }

    static String kafkaUserName() {
        return kafkaUser().path("metadata").path("name").asText();
    }

    @Override
    public Map<String, String> start() {
        LocalInfra infra = InfraResource.infra();
        SecureListener secure = infra.kafkaSecureListener();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            admin.createTopics(topicsAsTheTopicOperatorMakesThem()).all().get(30, TimeUnit.SECONDS);
            admin.createAcls(aclsOf(kafkaUser())).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot set up the topics and ACLs", e);
        }
        Rendering prod = Rendering.render("prod");
        String prodUrl = prod.env("QUARKUS_DATASOURCE_JDBC_URL");
        String query = prodUrl.substring(prodUrl.indexOf('?') + 1)
                .replaceAll(
                        "sslrootcert=[^&]*",
                        "sslrootcert=" + secure.certificates().certificate());
        String user = kafkaUserName();
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", infra.directJdbcUrl() + "?" + query);
        config.put("quarkus.datasource.username", LocalInfra.TLS_ONLY_USER);
        config.put("quarkus.datasource.password", LocalInfra.TLS_ONLY_PASSWORD);
        config.put("kafka.bootstrap.servers", secure.bootstrapServers());
        // named as in the overlay: these take the same way into the Kafka clients as environment variables
        for (String name : List.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SSL_TRUSTSTORE_TYPE")) {
            config.put(name, prod.env(name));
        }
        config.put(
                "KAFKA_SSL_TRUSTSTORE_LOCATION",
                secure.certificates().certificate().toString());
        config.put("KAFKA_SASL_JAAS_CONFIG", SecureListener.jaasConfig(user, LocalInfra.KAFKA_USERS.get(user)));
        config.put("cobrowse.topics.create", prod.env("COBROWSE_TOPICS_CREATE"));
        config.put("cobrowse.topics.visitors", visitors());
        config.put("cobrowse.topics.sessions", sessions());
        return config;
    }

    /** As kafkatopics.yaml says, but with one replica: the test run has one broker. */
    private static List<NewTopic> topicsAsTheTopicOperatorMakesThem() {
        List<NewTopic> topics = new ArrayList<>();
        for (JsonNode topic : readYaml(ROOT.resolve("k8s/kafka/kafkatopics.yaml"))) {
            JsonNode spec = topic.path("spec");
            Map<String, String> configs = new HashMap<>();
            spec.path("config")
                    .fields()
                    .forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
            configs.put("min.insync.replicas", "1");
            String name = TOPICS.get(spec.path("topicName").asText());
            topics.add(new NewTopic(name, spec.path("partitions").asInt(), (short) 1).configs(configs));
        }
        return topics;
    }

    /** The KafkaUser's simple authorization as Kafka ACLs, on this test's topic names. */
    static List<AclBinding> aclsOf(JsonNode kafkaUser) {
        String principal = "User:" + kafkaUser.path("metadata").path("name").asText();
        List<AclBinding> bindings = new ArrayList<>();
        for (JsonNode acl : kafkaUser.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            ResourceType type =
                    ResourceType.fromString(kafkaName(resource.path("type").asText()));
            String name = TOPICS.getOrDefault(
                    resource.path("name").asText(), resource.path("name").asText());
            PatternType pattern =
                    "prefix".equals(resource.path("patternType").asText()) ? PatternType.PREFIXED : PatternType.LITERAL;
            for (JsonNode operation : acl.path("operations")) {
                bindings.add(new AclBinding(
                        new ResourcePattern(type, name, pattern),
                        new AccessControlEntry(
                                principal,
                                acl.path("host").asText("*"),
                                operation(operation.asText()),
                                AclPermissionType.ALLOW)));
            }
        }
        return bindings;
    }

    private static AclOperation operation(String strimzi) {
        AclOperation op = AclOperation.fromString(kafkaName(strimzi));
        if (op == AclOperation.UNKNOWN) {
            throw new IllegalArgumentException("not a Kafka ACL operation: " + strimzi);
        }
        return op;
    }

    /** Strimzi's DescribeConfigs and transactionalId are Kafka's DESCRIBE_CONFIGS and TRANSACTIONAL_ID. */
    private static String kafkaName(String strimzi) {
        return strimzi.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    @Override
    public void stop() {
        // the topics and ACLs go with the test run's broker
    }
}
