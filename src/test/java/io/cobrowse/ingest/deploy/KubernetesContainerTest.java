package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.Rendering.render;
import static io.cobrowse.ingest.deploy.YamlNodes.firstText;
import static io.cobrowse.ingest.deploy.YamlNodes.stream;
import static io.cobrowse.ingest.deploy.YamlNodes.strings;
import static io.cobrowse.ingest.deploy.YamlNodes.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application's container in each kustomization under k8s/ (see {@link Rendering}): its ports and probes,
 * its security context, its shutdown, its resources and its metrics annotations, held to the application's
 * configuration (see {@link AppConfig}) and to the image.
 */
class KubernetesContainerTest {

    private static final AppConfig APP = AppConfig.load();

    static List<String> kustomizations() {
        return Rendering.CHECKED;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void containerServesTheApplicationPortBehindServicePort80(String overlay) {
        Rendering r = render(overlay);
        int port = r.effectiveHttpPort();

        assertThat(r.containerPort("http"))
                .as("%s: container port named http", overlay)
                .isEqualTo(port);
        JsonNode servicePort = r.one("Service").path("spec").path("ports").get(0);
        assertThat(servicePort.path("port").asInt())
                .as("%s: Service port", overlay)
                .isEqualTo(80);
        assertThat(r.containerPort(servicePort.path("targetPort").asText()))
                .as("%s: the Service's targetPort reaches the application", overlay)
                .isEqualTo(port);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void containerDeclaresTheManagementPortAndTheServiceLeavesItOut(String overlay) {
        Rendering r = render(overlay);
        assumeThat(APP.managementEnabled())
                .as("the application serves health and metrics on a port of their own")
                .isTrue();
        int managementPort = r.effectiveManagementPort();

        assertThat(r.containerPort("management"))
                .as("%s: container port named management", overlay)
                .isEqualTo(managementPort);
        assertThat(stream(r.one("Service").path("spec").path("ports"))
                        .map(p -> r.containerPort(p.path("targetPort").asText()))
                        .toList())
                .as("%s: the Service's target ports: the management port stays off it", overlay)
                .doesNotContain(managementPort);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void probesAskTheApplicationsHealthEndpoints(String overlay) {
        Rendering r = render(overlay);
        JsonNode container = r.container();
        int healthPort = r.effectiveManagementPort();

        Map<String, Set<String>> allowedPaths = Map.of(
                "livenessProbe", Set.of(APP.healthPath("live")),
                "readinessProbe", Set.of(APP.healthPath("ready")),
                "startupProbe", Set.of(APP.healthPath("live"), APP.healthPath("started")));
        allowedPaths.forEach((probe, paths) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertThat(get.path("path").asText())
                    .as("%s: %s path", overlay, probe)
                    .isIn(paths);
            assertThat(r.containerPort(get.path("port").asText()))
                    .as("%s: %s port", overlay, probe)
                    .isEqualTo(healthPort);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void podRunsRestrictedWithAReadOnlyRootAndAWritableTmp(String overlay) {
        Rendering r = render(overlay);
        JsonNode pod = r.podSpec().path("securityContext");
        JsonNode container = r.container().path("securityContext");

        assertThat(pod.path("runAsNonRoot").asBoolean()
                        || container.path("runAsNonRoot").asBoolean())
                .as("%s: runAsNonRoot", overlay)
                .isTrue();
        assertThat(firstText(
                        container.path("seccompProfile").path("type"),
                        pod.path("seccompProfile").path("type")))
                .as("%s: seccompProfile", overlay)
                .isEqualTo("RuntimeDefault");
        assertThat(container.path("allowPrivilegeEscalation").isBoolean()
                        && !container.path("allowPrivilegeEscalation").asBoolean())
                .as("%s: allowPrivilegeEscalation is false", overlay)
                .isTrue();
        assertThat(container.path("privileged").asBoolean())
                .as("%s: privileged", overlay)
                .isFalse();
        assertThat(texts(container.path("capabilities").path("drop")))
                .as("%s: capabilities dropped", overlay)
                .contains("ALL");
        assertThat(texts(container.path("capabilities").path("add")))
                .as("%s: capabilities added", overlay)
                .isEmpty();
        assertThat(container.path("readOnlyRootFilesystem").asBoolean())
                .as("%s: readOnlyRootFilesystem", overlay)
                .isTrue();

        JsonNode tmp = stream(r.container().path("volumeMounts"))
                .filter(m -> "/tmp".equals(m.path("mountPath").asText()))
                .findFirst()
                .orElseGet(() -> fail(overlay + ": nothing is mounted on /tmp"));
        assertThat(tmp.path("readOnly").asBoolean())
                .as("%s: /tmp read-only", overlay)
                .isFalse();
        JsonNode volume = stream(r.podSpec().path("volumes"))
                .filter(v -> tmp.path("name").asText().equals(v.path("name").asText()))
                .findFirst()
                .orElseGet(() -> fail(overlay + ": no volume for /tmp"));
        assertThat(volume.has("emptyDir"))
                .as("%s: /tmp is an emptyDir", overlay)
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void prometheusScrapesTheMetricsEndpoint(String overlay) {
        Rendering r = render(overlay);
        Map<String, String> annotations = strings(r.deployment().at("/spec/template/metadata/annotations"));
        int metricsPort = r.effectiveManagementPort();

        assertThat(annotations)
                .as("%s: scrape annotations", overlay)
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", String.valueOf(metricsPort))
                .containsEntry("prometheus.io/path", APP.metricsPath());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void terminationGraceOutlastsPreStopAndGracefulShutdown(String overlay) {
        Rendering r = render(overlay);
        JsonNode preStop = r.container().path("lifecycle").path("preStop");
        long preStopSeconds = preStop.path("sleep").path("seconds").asLong(0);
        List<String> command = texts(preStop.path("exec").path("command"));
        if (command.size() == 2 && command.get(0).endsWith("sleep")) {
            preStopSeconds = Long.parseLong(command.get(1));
        }
        long needed = preStopSeconds + APP.shutdownDuration().toSeconds();

        assertThat(r.podSpec().path("terminationGracePeriodSeconds").asLong(30))
                .as(
                        "%s: terminationGracePeriodSeconds > preStop %ds + shutdown %s",
                        overlay, preStopSeconds, APP.shutdownDuration())
                .isGreaterThan(needed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void containerRequestsResourcesWithinItsLimits(String overlay) {
        JsonNode resources = render(overlay).container().path("resources");
        for (String resource : List.of("cpu", "memory")) {
            String request = resources.path("requests").path(resource).asText();
            String limit = resources.path("limits").path(resource).asText();
            assertThat(request).as("%s: %s request", overlay, resource).isNotBlank();
            assertThat(limit).as("%s: %s limit", overlay, resource).isNotBlank();
            assertThat(quantity(request))
                    .as("%s: %s request %s <= limit %s", overlay, resource, request, limit)
                    .isLessThanOrEqualTo(quantity(limit));
        }
    }

    @Test
    void prodRunsAtLeastTwoReplicasWithMoreResourcesThanDev() {
        Rendering dev = render("dev");
        Rendering prod = render("prod");
        assumeThat(prod.complete())
                .as("needs kubectl to render the overlays' patches")
                .isTrue();

        assertThat(prod.one("HorizontalPodAutoscaler")
                        .path("spec")
                        .path("minReplicas")
                        .asInt())
                .as("prod: minReplicas")
                .isGreaterThanOrEqualTo(2);
        for (String resource : List.of("cpu", "memory")) {
            assertThat(quantity(prod.container()
                            .at("/resources/requests/" + resource)
                            .asText()))
                    .as("%s request: prod above dev", resource)
                    .isGreaterThan(quantity(dev.container()
                            .at("/resources/requests/" + resource)
                            .asText()));
        }
    }

    @Test
    void kubernetesRunsTheImageAsItsOwnUser() {
        String imageUser = Dockerfile.read().last("USER");
        for (String overlay : Rendering.CHECKED) {
            JsonNode runAsUser =
                    render(overlay).podSpec().path("securityContext").path("runAsUser");
            if (!runAsUser.isMissingNode()) {
                assertThat(runAsUser.asText()).as("%s: runAsUser", overlay).isEqualTo(imageUser);
            }
        }
    }

    /** A Kubernetes quantity (250m, 2, 768Mi, 1Gi...) as a number. */
    private static double quantity(String quantity) {
        Matcher m = Pattern.compile("([0-9.]+)([a-zA-Z]*)").matcher(quantity.trim());
        assertThat(m.matches()).as("quantity %s", quantity).isTrue();
        double number = Double.parseDouble(m.group(1));
        return number
                * switch (m.group(2)) {
                    case "" -> 1d;
                    case "m" -> 1e-3;
                    case "k" -> 1e3;
                    case "M" -> 1e6;
                    case "G" -> 1e9;
                    case "Ki" -> 1024d;
                    case "Mi" -> 1024d * 1024;
                    case "Gi" -> 1024d * 1024 * 1024;
                    default -> throw new IllegalArgumentException("unit of " + quantity);
                };
    }
}
