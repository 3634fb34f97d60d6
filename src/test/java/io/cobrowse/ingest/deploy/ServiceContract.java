package io.cobrowse.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;

/** What every deployment of the service must respect (contract, section 3, and its optional settings). */
final class ServiceContract {

    static final String APP_NAME = "cobrowse-ingest";

    /** The environment variables the service reads (contract, section 3, and its optional settings). */
    static final Set<String> VARIABLES_THE_SERVICE_READS = Set.of(
            "QUARKUS_HTTP_PORT",
            "QUARKUS_MANAGEMENT_PORT",
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD",
            "KAFKA_BOOTSTRAP_SERVERS",
            "COBROWSE_WEBHOOK_SECRETS",
            "COBROWSE_TOPICS_CREATE",
            "COBROWSE_TOPICS_VISITORS",
            "COBROWSE_TOPICS_SESSIONS",
            "COBROWSE_TOPICS_PARTITIONS",
            "COBROWSE_TOPICS_REPLICATION_FACTOR",
            "COBROWSE_TOPICS_MIN_INSYNC_REPLICAS",
            "COBROWSE_TOPICS_SESSIONS_RETENTION",
            "QUARKUS_OTEL_SDK_DISABLED",
            "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
            "QUARKUS_LOG_CONSOLE_JSON_ENABLED");

    /**
     * Whether the service reads this variable: one of {@link #VARIABLES_THE_SERVICE_READS}, or a Kafka client
     * setting ({@code KAFKA_SASL_JAAS_CONFIG} is {@code sasl.jaas.config}), which reaches the producer and the
     * admin client alike.
     */
    static boolean serviceReads(String variable) {
        return VARIABLES_THE_SERVICE_READS.contains(variable)
                || variable.startsWith("KAFKA_")
                        && ProducerConfig.configNames()
                                .contains(variable.substring("KAFKA_".length())
                                        .toLowerCase(Locale.ROOT)
                                        .replace('_', '.'));
    }

    /** Kafka credentials: from a Secret, never from a ConfigMap. */
    static final Set<String> KAFKA_CREDENTIALS = Set.of(
            "KAFKA_SASL_JAAS_CONFIG",
            "KAFKA_SSL_KEYSTORE_PASSWORD",
            "KAFKA_SSL_KEY_PASSWORD",
            "KAFKA_SSL_KEYSTORE_KEY",
            "KAFKA_SSL_TRUSTSTORE_PASSWORD");

    /** Without these the service cannot start in prod. */
    static final Set<String> REQUIRED_VARIABLES = Set.of(
            "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME",
            "QUARKUS_DATASOURCE_PASSWORD",
            "KAFKA_BOOTSTRAP_SERVERS",
            "COBROWSE_WEBHOOK_SECRETS");

    /** Credentials and webhook secrets: only ever from the operator's Secret. */
    static final Set<String> SECRET_VARIABLES =
            Set.of("COBROWSE_WEBHOOK_SECRETS", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD");

    /** The Secret the operator creates (k8s/secret.example.yaml shows its keys); no kustomization holds it. */
    static final String OPERATOR_SECRET = "cobrowse-ingest-secrets";

    private ServiceContract() {}

    /** A PostgreSQL JDBC URL (asserted to be one) as a URI: host, port and database. */
    static URI jdbcUri(String url) {
        assertThat(url).as("JDBC URL").startsWith("jdbc:postgresql://");
        return URI.create(url.substring("jdbc:".length()));
    }
}
