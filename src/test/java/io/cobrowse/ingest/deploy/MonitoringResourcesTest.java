package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.Rendering.render;
import static io.cobrowse.ingest.deploy.YamlNodes.only;
import static io.cobrowse.ingest.deploy.YamlNodes.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PodMonitor of k8s/monitoring (see {@link Rendering}) scrapes the pods of every overlay where the service
 * serves its metrics: their labels, the management port by name, the metrics path.
 */
class MonitoringResourcesTest {

    private static final AppConfig APP = AppConfig.load();
    private final JsonNode podMonitor = render(Rendering.MONITORING).one("PodMonitor");

    static List<String> kustomizations() {
        return Rendering.CHECKED;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kustomizations")
    void thePodMonitorScrapesTheManagementPortOfThePods(String overlay) {
        Rendering r = render(overlay);
        Map<String, String> podLabels = strings(r.deployment().at("/spec/template/metadata/labels"));
        JsonNode endpoint = only(
                List.copyOf(YamlNodes.stream(podMonitor.at("/spec/podMetricsEndpoints"))
                        .toList()),
                "one endpoint");

        assertThat(podLabels)
                .as("%s: the pods carry the PodMonitor's selector", overlay)
                .containsAllEntriesOf(strings(podMonitor.at("/spec/selector/matchLabels")));
        assertThat(r.containerPort(endpoint.path("port").asText()))
                .as("%s: the scraped port", overlay)
                .isEqualTo(r.effectiveManagementPort());
        assertThat(endpoint.path("path").asText()).as("the metrics path").isEqualTo(APP.metricsPath());
    }
}
