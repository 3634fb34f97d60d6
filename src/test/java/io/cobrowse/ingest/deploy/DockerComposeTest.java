package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.Compose.listeners;
import static io.cobrowse.ingest.deploy.ProjectFiles.ROOT;
import static io.cobrowse.ingest.deploy.ServiceContract.REQUIRED_VARIABLES;
import static io.cobrowse.ingest.deploy.ServiceContract.jdbcUri;
import static io.cobrowse.ingest.deploy.YamlNodes.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml (see {@link Compose}), which cannot be run without a container engine, held to the
 * application's configuration (see {@link AppConfig}): the service is built from the JVM Dockerfile and wired to
 * the compose PostgreSQL and Kafka.
 */
class DockerComposeTest {

    private static final AppConfig APP = AppConfig.load();

    @Test
    void composeBuildsTheServiceFromTheJvmDockerfileAndPublishesItsPort() {
        Compose compose = Compose.read();
        JsonNode build = compose.app().path("build");
        int port = compose.appEnv().containsKey("QUARKUS_HTTP_PORT")
                ? Integer.parseInt(compose.appEnv().get("QUARKUS_HTTP_PORT"))
                : APP.httpPort();

        assertThat(build.path("context").asText()).as("build context").isEqualTo(".");
        assertThat(ROOT.resolve(build.path("dockerfile").asText()))
                .as("dockerfile")
                .isEqualTo(ROOT.resolve("src/main/docker/Dockerfile.jvm"))
                .isRegularFile();
        assertThat(port).as("QUARKUS_HTTP_PORT").isEqualTo(APP.httpPort());
        assertThat(compose.publishedContainerPorts(compose.app()))
                .as("published container ports")
                .contains(port);
    }

    @Test
    void composeSetsOnlyVariablesTheServiceReads() {
        assertThat(Compose.read().appEnv().keySet())
                .as("variables of the compose service")
                .allMatch(ServiceContract::serviceReads, "read by the service")
                .containsAll(REQUIRED_VARIABLES);
    }

    @Test
    void composePointsTheServiceAtTheComposePostgresWithItsCredentials() {
        Compose compose = Compose.read();
        Map<String, String> env = compose.appEnv();
        URI db = jdbcUri(env.get("QUARKUS_DATASOURCE_JDBC_URL"));
        JsonNode postgres = compose.service(db.getHost());
        Map<String, String> pgEnv = Compose.environment(postgres);
        String user = pgEnv.getOrDefault("POSTGRES_USER", "postgres");

        assertThat(postgres.path("image").asText())
                .as("image of service %s", db.getHost())
                .startsWith("postgres:");
        assertThat(db.getPort() < 0 ? 5432 : db.getPort())
                .as("database port")
                .isEqualTo(Integer.parseInt(pgEnv.getOrDefault("PGPORT", "5432")));
        assertThat(db.getPath()).as("database").isEqualTo("/" + pgEnv.getOrDefault("POSTGRES_DB", user));
        assertThat(env.get("QUARKUS_DATASOURCE_USERNAME")).as("database user").isEqualTo(user);
        assertThat(env.get("QUARKUS_DATASOURCE_PASSWORD"))
                .as("database password")
                .isEqualTo(pgEnv.get("POSTGRES_PASSWORD"));
    }

    @Test
    void composePointsTheServiceAtTheComposeKafkaListener() {
        Compose compose = Compose.read();
        for (String server : compose.appEnv().get("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
            String host = server.trim().substring(0, server.trim().lastIndexOf(':'));
            Map<String, String> kafkaEnv = Compose.environment(compose.service(host));
            Map<String, String> advertised = listeners(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS"));
            String listener = advertised.entrySet().stream()
                    .filter(e -> e.getValue().equals(server.trim()))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElseGet(() -> fail("%s is no advertised listener of %s: %s", server, host, advertised));
            String bound = listeners(kafkaEnv.get("KAFKA_LISTENERS")).get(listener);

            assertThat(bound).as("listener %s of %s", listener, host).isNotNull();
            assertThat(bound.substring(bound.lastIndexOf(':')))
                    .as("port of listener %s", listener)
                    .isEqualTo(server.trim().substring(server.trim().lastIndexOf(':')));
            assertThat(texts(kafkaEnv.get("KAFKA_CONTROLLER_LISTENER_NAMES")))
                    .as("controller listeners")
                    .doesNotContain(listener);
        }
    }

    @Test
    void composeBrokerCreatesNoTopicsSoTheServiceDoes() {
        Compose compose = Compose.read();
        String server =
                compose.appEnv().get("KAFKA_BOOTSTRAP_SERVERS").split(",")[0].trim();
        String kafka = server.substring(0, server.lastIndexOf(':'));
        Map<String, String> kafkaEnv = Compose.environment(compose.service(kafka));

        assertThat(kafkaEnv.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"))
                .as("broker auto topic creation")
                .isEqualTo("false");
        assertThat(compose.appEnv().getOrDefault("COBROWSE_TOPICS_CREATE", APP.forVariable("COBROWSE_TOPICS_CREATE")))
                .as("service creates topics")
                .isEqualTo("true");
        int replicationFactor = Integer.parseInt(compose.appEnv()
                .getOrDefault(
                        "COBROWSE_TOPICS_REPLICATION_FACTOR", APP.forVariable("COBROWSE_TOPICS_REPLICATION_FACTOR")));
        int minInsync = Integer.parseInt(compose.appEnv()
                .getOrDefault(
                        "COBROWSE_TOPICS_MIN_INSYNC_REPLICAS", APP.forVariable("COBROWSE_TOPICS_MIN_INSYNC_REPLICAS")));
        assertThat(replicationFactor)
                .as("replication factor of the topics on a one-broker Kafka")
                .isEqualTo(1);
        assertThat(minInsync)
                .as("min.insync.replicas of the topics on a one-broker Kafka")
                .isEqualTo(1);
    }

    @Test
    void composeStartsTheServiceOnceDatabaseAndBrokerAreHealthy() {
        Compose compose = Compose.read();
        String db = jdbcUri(compose.appEnv().get("QUARKUS_DATASOURCE_JDBC_URL")).getHost();
        String bootstrap =
                compose.appEnv().get("KAFKA_BOOTSTRAP_SERVERS").split(",")[0].trim();
        String kafka = bootstrap.substring(0, bootstrap.lastIndexOf(':'));

        for (String dependency : List.of(db, kafka)) {
            assertThat(compose.app()
                            .path("depends_on")
                            .path(dependency)
                            .path("condition")
                            .asText())
                    .as("depends_on %s", dependency)
                    .isEqualTo("service_healthy");
            assertThat(Compose.healthcheck(compose.service(dependency)))
                    .as("healthcheck of %s", dependency)
                    .isNotBlank();
        }
        assertThat(Compose.healthcheck(compose.service(db)))
                .as("postgres healthcheck")
                .contains("pg_isready");
    }

    @Test
    void composeHealthcheckAsksTheReadinessEndpoint() {
        Compose compose = Compose.read();
        String check = Compose.healthcheck(compose.app());
        int port = APP.managementEnabled()
                ? Integer.parseInt(
                        compose.appEnv().getOrDefault("QUARKUS_MANAGEMENT_PORT", String.valueOf(APP.managementPort())))
                : APP.httpPort();

        assertThat(check).as("service healthcheck").contains(APP.healthPath("ready"));
        assertThat(Pattern.compile("\\b" + port + "\\b").matcher(check).find())
                .as("healthcheck %s uses port %d", check, port)
                .isTrue();
    }

    @Test
    void composeRunsTheServiceWithAReadOnlyRootAndAWritableTmp() {
        JsonNode app = Compose.read().app();

        assertThat(app.path("read_only").asBoolean()).as("read_only").isTrue();
        JsonNode tmpfs = app.path("tmpfs");
        assertThat(tmpfs.isArray() ? texts(tmpfs) : List.of(tmpfs.asText()))
                .as("tmpfs")
                .anyMatch(t -> t.equals("/tmp") || t.startsWith("/tmp:"));
    }

    @Test
    void composeExampleSecretIsAWellFormedStandardWebhooksSecret() {
        String secrets = Compose.read().appEnv().get("COBROWSE_WEBHOOK_SECRETS");

        assertThat(secrets).as("COBROWSE_WEBHOOK_SECRETS").isNotBlank();
        for (String secret : secrets.split(",")) {
            assertThat(secret.trim()).as("secret").startsWith("whsec_");
            byte[] key = Base64.getDecoder().decode(secret.trim().substring("whsec_".length()));
            assertThat(key.length).as("key bytes of %s", secret).isBetween(24, 64);
        }
    }

    /**
     * The walk-through signs with the sample sender's default secret: the Compose file must accept it, as the local
     * run (-Plocal, the dev profile) does.
     */
    @Test
    void composeAcceptsWhatTheSampleSenderSignsWithByDefault() throws IOException {
        Matcher sender = Pattern.compile("WEBHOOK_SECRET:-(whsec_[^}]+)}")
                .matcher(Files.readString(ROOT.resolve("src/test/scripts/send-sample.sh")));
        assertThat(sender.find()).as("send-sample.sh has a default secret").isTrue();
        Matcher dev = Pattern.compile("(?m)^%dev\\.cobrowse\\.webhook\\.secrets=(\\S+)$")
                .matcher(Files.readString(ROOT.resolve("src/main/resources/application.properties")));
        assertThat(dev.find()).as("the dev profile has a secret").isTrue();

        assertThat(sender.group(1)).as("the sample sender's default secret").isEqualTo(dev.group(1));
        assertThat(List.of(
                        Compose.read().appEnv().get("COBROWSE_WEBHOOK_SECRETS").split(",")))
                .as("the secrets Compose gives the service")
                .contains(sender.group(1));
    }
}
