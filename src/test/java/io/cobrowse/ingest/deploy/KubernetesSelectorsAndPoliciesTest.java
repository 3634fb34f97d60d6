package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.Rendering.render;
import static io.cobrowse.ingest.deploy.ServiceContract.APP_NAME;
import static io.cobrowse.ingest.deploy.ServiceContract.jdbcUri;
import static io.cobrowse.ingest.deploy.YamlNodes.name;
import static io.cobrowse.ingest.deploy.YamlNodes.stream;
import static io.cobrowse.ingest.deploy.YamlNodes.strings;
import static io.cobrowse.ingest.deploy.YamlNodes.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The objects around the Deployment in each kustomization under k8s/ (see {@link Rendering}): the selectors of the
 * Service, PodDisruptionBudget, NetworkPolicy and HorizontalPodAutoscaler, what the budget and the policy let
 * through, and the labels every object carries.
 */
class KubernetesSelectorsAndPoliciesTest {

    /** The label Kubernetes puts on every namespace, its name. */
    private static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    static List<String> kustomizations() {
        return Rendering.CHECKED;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void serviceBudgetPolicyAndAutoscalerTargetTheDeploymentsPods(String overlay) {
        Rendering r = render(overlay);
        JsonNode deployment = r.deployment();
        Map<String, String> podLabels = strings(deployment.at("/spec/template/metadata/labels"));
        Map<String, JsonNode> selectors = new LinkedHashMap<>();
        selectors.put("Deployment", deployment.at("/spec/selector/matchLabels"));
        selectors.put("Service", r.one("Service").at("/spec/selector"));
        selectors.put("PodDisruptionBudget", r.one("PodDisruptionBudget").at("/spec/selector/matchLabels"));
        selectors.put("NetworkPolicy", r.one("NetworkPolicy").at("/spec/podSelector/matchLabels"));

        selectors.forEach((kind, selector) -> {
            assertThat(strings(selector)).as("%s: %s selector", overlay, kind).isNotEmpty();
            assertThat(podLabels)
                    .as("%s: pod labels selected by the %s", overlay, kind)
                    .containsAllEntriesOf(strings(selector));
        });
        JsonNode target = r.one("HorizontalPodAutoscaler").path("spec").path("scaleTargetRef");
        assertThat(target.path("kind").asText() + "/" + target.path("name").asText())
                .as("%s: HPA target", overlay)
                .isEqualTo("Deployment/" + name(deployment));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void disruptionBudgetLetsANodeDrainEvictAPodAtTheSmallestScale(String overlay) {
        Rendering r = render(overlay);
        JsonNode hpa = r.one("HorizontalPodAutoscaler").path("spec");
        int minReplicas = hpa.path("minReplicas").asInt(1);
        assertThat(minReplicas)
                .as("%s: HPA range", overlay)
                .isBetween(1, hpa.path("maxReplicas").asInt());
        // a count in the Deployment would be set back to it on every apply, against the autoscaler
        assertThat(r.deployment().path("spec").has("replicas"))
                .as("%s: the Deployment leaves its number of replicas to the HPA", overlay)
                .isFalse();

        JsonNode pdb = r.one("PodDisruptionBudget").path("spec");
        int evictable;
        if (pdb.has("minAvailable")) {
            evictable = minReplicas - scaled(pdb.path("minAvailable"), minReplicas);
        } else {
            evictable = scaled(pdb.path("maxUnavailable"), minReplicas);
        }
        assertThat(evictable)
                .as("%s: pods a drain may evict with %d replicas", overlay, minReplicas)
                .isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void networkPolicyAdmitsHttpAndLetsThePodReachPostgresKafkaAndDns(String overlay) {
        Rendering r = render(overlay);
        JsonNode policy = r.one("NetworkPolicy").path("spec");
        assertThat(texts(policy.path("policyTypes")))
                .as("%s: policyTypes", overlay)
                .contains("Ingress", "Egress");

        assertThat(allows(policy.path("ingress"), r.effectiveHttpPort(), "TCP", r))
                .as("%s: ingress to port %d", overlay, r.effectiveHttpPort())
                .isTrue();
        URI db = jdbcUri(r.env("QUARKUS_DATASOURCE_JDBC_URL"));
        int dbPort = db.getPort() < 0 ? 5432 : db.getPort();
        assertThat(allows(policy.path("egress"), dbPort, "TCP", r))
                .as("%s: egress to PostgreSQL %d", overlay, dbPort)
                .isTrue();
        for (String server : r.env("KAFKA_BOOTSTRAP_SERVERS").split(",")) {
            int kafkaPort = Integer.parseInt(
                    server.substring(server.lastIndexOf(':') + 1).trim());
            assertThat(allows(policy.path("egress"), kafkaPort, "TCP", r))
                    .as("%s: egress to Kafka %s", overlay, server)
                    .isTrue();
        }
        assertThat(allows(policy.path("egress"), 53, "UDP", r))
                .as("%s: egress to DNS", overlay)
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void networkPolicyAdmitsThePublicPortFromAnywhereAndTheManagementPortFromMonitoringOnly(String overlay) {
        Rendering r = render(overlay);
        int publicPort = r.effectiveHttpPort();
        int managementPort = r.effectiveManagementPort();
        assumeThat(managementPort)
                .as("the application serves health and metrics on a port of their own")
                .isNotEqualTo(publicPort);
        List<JsonNode> ingress =
                stream(r.one("NetworkPolicy").at("/spec/ingress")).toList();

        assertThat(ingress)
                .as("%s: a rule admits port %d from anywhere", overlay, publicPort)
                .anyMatch(rule -> allowsPort(rule, publicPort, "TCP", r) && fromAnywhere(rule));
        List<JsonNode> management = ingress.stream()
                .filter(rule -> allowsPort(rule, managementPort, "TCP", r))
                .toList();
        assertThat(management)
                .as("%s: rules admitting the management port %d", overlay, managementPort)
                .isNotEmpty()
                .allSatisfy(rule -> assertThat(stream(rule.path("from")).toList())
                        .as("%s: sources of a rule admitting port %d", overlay, managementPort)
                        .isNotEmpty()
                        .allSatisfy(peer -> {
                            assertThat(peer.has("ipBlock"))
                                    .as("%s: an ipBlock admits port %d", overlay, managementPort)
                                    .isFalse();
                            assertThat(peer.at("/namespaceSelector/matchExpressions")
                                            .isEmpty())
                                    .as("%s: a namespaceSelector with expressions", overlay)
                                    .isTrue();
                            assertThat(strings(peer.at("/namespaceSelector/matchLabels")))
                                    .as(
                                            "%s: port %d only from the monitoring namespace (a peer without"
                                                    + " namespaceSelector is the policy's own namespace)",
                                            overlay, managementPort)
                                    .isEqualTo(Map.of(NAMESPACE_NAME_LABEL, "monitoring"));
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void everyObjectCarriesTheApplicationsLabels(String overlay) {
        Rendering r = render(overlay);
        assumeThat(r.complete()).as("needs kubectl: kustomize adds the labels").isTrue();
        for (JsonNode object : r.objects()) {
            assertThat(strings(object.path("metadata").path("labels")))
                    .as("%s: labels of %s %s", overlay, object.path("kind").asText(), name(object))
                    .containsEntry("app.kubernetes.io/name", APP_NAME)
                    .containsKey("app.kubernetes.io/part-of");
        }
    }

    /** Whether NetworkPolicy rules let traffic to that port through, from some source. */
    private static boolean allows(JsonNode rules, int port, String protocol, Rendering r) {
        return stream(rules).anyMatch(rule -> allowsPort(rule, port, protocol, r));
    }

    /** Whether one rule lets traffic to that port through (a rule without ports allows all). */
    private static boolean allowsPort(JsonNode rule, int port, String protocol, Rendering r) {
        if (!rule.has("ports") || rule.path("ports").isEmpty()) {
            return true;
        }
        for (JsonNode p : rule.path("ports")) {
            String number = p.path("port").asText();
            boolean portMatches = number.isEmpty()
                    || (number.matches("\\d+")
                            ? Integer.parseInt(number) <= port
                                    && port <= p.path("endPort").asInt(Integer.parseInt(number))
                            : r.containerPort(number) == port);
            if (portMatches && protocol.equals(p.path("protocol").asText("TCP"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an ingress rule admits every source (no {@code from}, or an empty one). */
    private static boolean fromAnywhere(JsonNode rule) {
        return !rule.has("from") || rule.path("from").isEmpty();
    }

    /** A PDB's int-or-percent, as pods out of that many replicas (minAvailable rounds up, maxUnavailable too). */
    private static int scaled(JsonNode value, int replicas) {
        String text = value.asText();
        if (text.endsWith("%")) {
            return (int) Math.ceil(replicas * Integer.parseInt(text.substring(0, text.length() - 1)) / 100.0);
        }
        return Integer.parseInt(text);
    }
}
