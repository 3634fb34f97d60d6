package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.ProjectFiles.ROOT;
import static io.cobrowse.ingest.deploy.ProjectFiles.readYaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Management;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the dashboard of k8s/monitoring name only metrics the running service exposes: a renamed
 * metric would otherwise leave an alert that never fires and a panel that stays empty.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class MonitoringMetricsTest {

    private static final Pattern METRIC = Pattern.compile("\\b((?:cobrowse|http_server)_[a-z0-9_]+)\\b");

    @Test
    void everyMetricOfTheAlertsAndTheDashboardIsOneTheServiceExposes() throws IOException {
        // labelled counters and the HTTP timer appear once something was counted
        Webhooks.send(
                        Webhooks.newId(),
                        Webhooks.envelope(
                                "visitor.online", "2026-11-24T10:00:00Z", "{\"short_id\":\"monitoring-visitor\"}"))
                .then()
                .statusCode(202);
        String exposed = Management.metrics();

        List<String> expressions = new ArrayList<>();
        for (JsonNode group : readYaml(ROOT.resolve("k8s/monitoring/prometheusrule.yaml"))
                .get(0)
                .at("/spec/groups")) {
            group.path("rules")
                    .forEach(rule -> expressions.add(rule.path("expr").asText()));
        }
        JsonNode dashboard = new ObjectMapper()
                .readTree(ROOT.resolve("k8s/monitoring/grafana-dashboard.json").toFile());
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(t -> expressions.add(t.path("expr").asText())));
        Set<String> named = new TreeSet<>();
        for (String expression : expressions) {
            Matcher m = METRIC.matcher(expression);
            while (m.find()) {
                named.add(m.group(1));
            }
        }

        assertThat(expressions).as("alert and panel expressions").hasSizeGreaterThan(10);
        assertThat(named).as("metrics named").contains("cobrowse_outbox_backlog_oldest_age_seconds");
        for (String name : named) {
            assertThat(exposed)
                    .as("the service exposes %s", name)
                    .containsPattern("(?m)^" + Pattern.quote(name) + "[{ ]");
        }
    }
}
