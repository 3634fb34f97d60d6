package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.Rendering.render;
import static io.cobrowse.ingest.deploy.YamlNodes.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The service's KafkaUser (k8s/kafka) and how the prod overlay logs in as it and checks the servers it talks to.
 * {@link TransportSecurityTest} runs the service with these settings and exactly these ACLs.
 */
class KafkaUserTest {

    private static final AppConfig APP = AppConfig.load();

    private static JsonNode user() {
        return render(Rendering.KAFKA).one("KafkaUser");
    }

    @Test
    void isAStrimziV1UserOfTheTopicsClusterBesideThem() {
        JsonNode user = user();
        JsonNode topic = render(Rendering.KAFKA).all("KafkaTopic").get(0);

        assertThat(user.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1");
        assertThat(user.at("/metadata/labels/strimzi.io~1cluster").asText())
                .as("strimzi.io/cluster")
                .isEqualTo(topic.at("/metadata/labels/strimzi.io~1cluster").asText());
        assertThat(user.at("/metadata/namespace").asText())
                .as("namespace")
                .isEqualTo(topic.at("/metadata/namespace").asText());
    }

    @Test
    void aclsAllowWritingAndDescribingTheServicesTopicsAndNothingElse() {
        Rendering prod = render("prod");
        String visitors = prod.envValue("COBROWSE_TOPICS_VISITORS").orElse(APP.visitorsTopic());
        String sessions = prod.envValue("COBROWSE_TOPICS_SESSIONS").orElse(APP.sessionsTopic());
        boolean creates = Boolean.parseBoolean(prod.env("COBROWSE_TOPICS_CREATE"));
        Set<String> allowed = new HashSet<>(Set.of("Write", "Describe", "DescribeConfigs"));
        if (creates) {
            allowed.add("Create");
        }
        List<JsonNode> acls = stream(user().at("/spec/authorization/acls")).toList();

        assertThat(user().at("/spec/authorization/type").asText()).isEqualTo("simple");
        assertThat(acls).isNotEmpty();
        for (JsonNode acl : acls) {
            assertThat(acl.at("/resource/type").asText()).as("resource type").isEqualTo("topic");
            assertThat(acl.at("/resource/patternType").asText("literal")).isEqualTo("literal");
            assertThat(acl.at("/resource/name").asText()).isIn(visitors, sessions);
            assertThat(stream(acl.path("operations")).map(JsonNode::asText))
                    .as("operations on %s", acl.at("/resource/name").asText())
                    .isSubsetOf(allowed)
                    .contains("Write", "Describe");
        }
        assertThat(acls.stream().map(a -> a.at("/resource/name").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(visitors, sessions);
    }

    @Test
    void prodLogsInAsTheUserOverTls() {
        Rendering prod = render("prod");
        String mechanism = user().at("/spec/authentication/type").asText().toUpperCase(Locale.ROOT);

        assertThat(prod.env("KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
        assertThat(prod.env("KAFKA_SASL_MECHANISM")).isEqualTo(mechanism);
        assumeTrue(prod.complete(), "the Deployment's patches need kubectl to render");
        JsonNode jaas = prod.envEntry("KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef");
        // the Secret the User Operator writes is named after the user
        assertThat(jaas.path("name").asText())
                .isEqualTo(user().at("/metadata/name").asText());
        assertThat(jaas.path("key").asText()).isEqualTo("sasl.jaas.config");
    }

    @Test
    void prodChecksTheServersCertificatesAgainstMountedCas() {
        Rendering prod = render("prod");
        String url = prod.env("QUARKUS_DATASOURCE_JDBC_URL");
        String rootCert = url.replaceAll(".*[?&]sslrootcert=([^&]*).*", "$1");

        assertThat(url).contains("sslmode=verify-full");
        assertThat(prod.env("KAFKA_SSL_TRUSTSTORE_TYPE")).isEqualTo("PEM");
        assumeTrue(prod.complete(), "the Deployment's patches need kubectl to render");
        for (String file : List.of(rootCert, prod.env("KAFKA_SSL_TRUSTSTORE_LOCATION"))) {
            JsonNode mount = stream(prod.container().path("volumeMounts"))
                    .filter(m -> file.startsWith(m.path("mountPath").asText() + "/"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("prod: nothing is mounted where " + file + " is"));
            JsonNode volume = stream(prod.podSpec().path("volumes"))
                    .filter(v ->
                            v.path("name").asText().equals(mount.path("name").asText()))
                    .findFirst()
                    .orElseThrow();
            String key = file.substring(file.lastIndexOf('/') + 1);
            assertThat(stream(volume.at("/secret/items"))
                            .map(i -> i.path("path").asText()))
                    .as("prod: %s comes from a Secret", file)
                    .contains(key);
        }
    }
}
