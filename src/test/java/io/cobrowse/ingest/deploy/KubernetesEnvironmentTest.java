package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.ProjectFiles.ROOT;
import static io.cobrowse.ingest.deploy.ProjectFiles.readYaml;
import static io.cobrowse.ingest.deploy.Rendering.render;
import static io.cobrowse.ingest.deploy.ServiceContract.KAFKA_CREDENTIALS;
import static io.cobrowse.ingest.deploy.ServiceContract.OPERATOR_SECRET;
import static io.cobrowse.ingest.deploy.ServiceContract.REQUIRED_VARIABLES;
import static io.cobrowse.ingest.deploy.ServiceContract.SECRET_VARIABLES;
import static io.cobrowse.ingest.deploy.ServiceContract.jdbcUri;
import static io.cobrowse.ingest.deploy.YamlNodes.name;
import static io.cobrowse.ingest.deploy.YamlNodes.names;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The environment of the application's container in each kustomization under k8s/ (see {@link Rendering}):
 * only variables the service reads, secrets only from the operator's Secret, ConfigMap references that resolve,
 * and a database URL that keeps the application's driver settings.
 */
class KubernetesEnvironmentTest {

    private static final AppConfig APP = AppConfig.load();

    static List<String> kustomizations() {
        return Rendering.CHECKED;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void setsOnlyEnvironmentVariablesTheServiceReads(String overlay) {
        Set<String> names = render(overlay).env().keySet();

        assertThat(names)
                .as("%s: variables set on the container", overlay)
                .allMatch(ServiceContract::serviceReads, "read by the service")
                .containsAll(REQUIRED_VARIABLES);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void takesCredentialsAndWebhookSecretsFromTheOperatorsSecretOnly(String overlay) {
        Rendering r = render(overlay);
        Set<String> renderedSecrets = r.names("Secret");

        assertThat(renderedSecrets)
                .as("%s: no Secret with values is rendered; the operator provides it", overlay)
                .isEmpty();
        for (String variable : SECRET_VARIABLES) {
            JsonNode ref = r.envEntry(variable).path("valueFrom").path("secretKeyRef");
            assertThat(ref.path("name").asText())
                    .as("%s: Secret holding %s", overlay, variable)
                    .isEqualTo(OPERATOR_SECRET);
            assertThat(ref.path("key").asText())
                    .as("%s: key of %s", overlay, variable)
                    .isNotBlank();
        }
        for (JsonNode from : r.container().path("envFrom")) {
            if (from.has("secretRef")) {
                assertThat(from.path("secretRef").path("name").asText())
                        .as("%s: envFrom secretRef", overlay)
                        .isEqualTo(OPERATOR_SECRET);
            }
        }
        r.all("ConfigMap").forEach(cm -> assertThat(names(cm.path("data")))
                .as("%s: ConfigMap %s holds no secret", overlay, name(cm))
                .doesNotContainAnyElementsOf(SECRET_VARIABLES)
                .doesNotContainAnyElementsOf(KAFKA_CREDENTIALS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void configMapReferencesResolveToRenderedConfigMaps(String overlay) {
        Rendering r = render(overlay);
        Set<String> configMaps = r.names("ConfigMap");
        List<String> referenced = new ArrayList<>();
        r.container().path("envFrom").forEach(from -> {
            if (from.has("configMapRef")) {
                referenced.add(from.path("configMapRef").path("name").asText());
            }
        });
        r.container().path("env").forEach(e -> {
            JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
            if (!ref.isMissingNode()) {
                referenced.add(ref.path("name").asText());
                assertThat(names(r.configMap(ref.path("name").asText()).path("data")))
                        .as("%s: key of %s", overlay, e.path("name").asText())
                        .contains(ref.path("key").asText());
            }
        });
        r.podSpec().path("volumes").forEach(v -> {
            if (v.has("configMap")) {
                referenced.add(v.path("configMap").path("name").asText());
            }
        });

        assertThat(referenced).as("%s: ConfigMaps the pod uses", overlay).isNotEmpty();
        assertThat(configMaps).as("%s: rendered ConfigMaps", overlay).containsAll(referenced);
    }

    /** A fixed name would leave running pods on the old settings until someone restarts them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void settingsComeFromAGeneratedConfigMapSoThatAChangeRollsThePods(String overlay) {
        Rendering r = render(overlay);
        Set<String> generated = new TreeSet<>();
        readYaml(ROOT.resolve("k8s/base/kustomization.yaml"))
                .get(0)
                .path("configMapGenerator")
                .forEach(g -> generated.add(g.path("name").asText()));
        List<String> used = new ArrayList<>();
        r.container().path("envFrom").forEach(from -> {
            if (from.has("configMapRef")) {
                used.add(from.path("configMapRef").path("name").asText());
            }
        });

        assertThat(used)
                .as("%s: ConfigMaps of the container's environment", overlay)
                .isNotEmpty();
        for (String name : used) {
            // kustomize appends a hash of the content to a generated name; the fallback rendering keeps the plain one
            if (r.complete()) {
                assertThat(name)
                        .as("%s: %s carries the hash of its content", overlay, name)
                        .matches(".+-[a-z0-9]{10}");
            }
            String plain = r.complete() ? name.substring(0, name.lastIndexOf('-')) : name;
            assertThat(generated)
                    .as("%s: the base's generated ConfigMaps", overlay)
                    .contains(plain);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void databaseUrlIsPostgresqlAndKeepsTheApplicationsDriverSettings(String overlay) {
        String url = render(overlay).env("QUARKUS_DATASOURCE_JDBC_URL");

        assertThat(url).as("%s: JDBC URL", overlay).startsWith("jdbc:postgresql://");
        assertThat(jdbcUri(url).getHost()).as("%s: database host", overlay).isNotBlank();
        assertThat(queryKeys(url))
                .as("%s: the URL replaces the application's; it must keep its driver settings", overlay)
                .containsAll(queryKeys(APP.jdbcUrl()));
    }

    private static Set<String> queryKeys(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return Set.of();
        }
        return Stream.of(jdbcUrl.substring(query + 1).split("&"))
                .map(p -> p.split("=", 2)[0])
                .filter(k -> !k.isBlank())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
