package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.Rendering.render;
import static io.cobrowse.ingest.deploy.YamlNodes.name;
import static io.cobrowse.ingest.deploy.YamlNodes.only;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cobrowse.ingest.webhook.WebhookResource;
import jakarta.ws.rs.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The route from the internet to the webhook endpoint (k8s/gateway, see {@link Rendering}): the webhook's path and
 * method alone, to the Service's public port, over TLS, with the service's own body limit.
 */
class GatewayRouteTest {

    private static final AppConfig APP = AppConfig.load();
    private final Rendering gateway = render(Rendering.GATEWAY);
    private final JsonNode route = gateway.one("HTTPRoute");

    @Test
    void onlyPostsToTheWebhookPathGoThrough() {
        JsonNode rule =
                only(List.copyOf(YamlNodes.stream(route.at("/spec/rules")).toList()), "one rule");
        JsonNode match = only(List.copyOf(YamlNodes.stream(rule.path("matches")).toList()), "one match");

        assertThat(match.at("/path/type").asText()).as("path match").isEqualTo("Exact");
        assertThat(match.at("/path/value").asText())
                .as("path")
                .isEqualTo(WebhookResource.class.getAnnotation(Path.class).value());
        assertThat(match.path("method").asText()).as("method").isEqualTo("POST");
    }

    @Test
    void theRouteLeadsToTheServicesPublicPort() {
        JsonNode service = render("base").one("Service");
        JsonNode backend = only(
                List.copyOf(
                        YamlNodes.stream(route.at("/spec/rules/0/backendRefs")).toList()),
                "one backend");
        JsonNode http = YamlNodes.stream(service.at("/spec/ports"))
                .filter(p -> "http".equals(p.path("name").asText()))
                .findFirst()
                .orElseThrow();

        assertThat(backend.path("name").asText()).as("backend").isEqualTo(name(service));
        assertThat(backend.path("port").asInt())
                .as("backend port")
                .isEqualTo(http.path("port").asInt());
    }

    /** TLS ends at the Gateway: the route attaches to a named listener, the HTTPS one, never to all of them. */
    @Test
    void theRouteAttachesToTheGatewaysHttpsListenerOnly() {
        for (JsonNode parent : route.at("/spec/parentRefs")) {
            assertThat(parent.path("kind").asText("Gateway")).as("parent kind").isEqualTo("Gateway");
            assertThat(parent.path("sectionName").asText()).as("listener").isEqualTo("https");
        }
        assertThat(route.at("/spec/parentRefs").size()).as("parents").isPositive();
    }

    @Test
    void theEdgeRefusesWhatTheServiceWouldRefuseAndWaitsForItsAnswer() {
        JsonNode policy = gateway.one("ClientSettingsPolicy");
        long maxBody = Long.parseLong(APP.forVariable("COBROWSE_WEBHOOK_MAX_BODY_BYTES"));
        Duration commitTimeout = Duration.parse("PT" + APP.forVariable("COBROWSE_WRITER_COMMIT_TIMEOUT"));
        Duration routeTimeout =
                Duration.parse("PT" + route.at("/spec/rules/0/timeouts/request").asText());

        assertThat(policy.at("/spec/targetRef/kind").asText())
                .as("policy target")
                .isEqualTo("HTTPRoute");
        assertThat(policy.at("/spec/targetRef/name").asText())
                .as("policy target")
                .isEqualTo(name(route));
        assertThat(bytes(policy.at("/spec/body/maxSize").asText()))
                .as("body limit")
                .isEqualTo(maxBody);
        assertThat(routeTimeout)
                .as("route time-out, beyond the commit time-out")
                .isGreaterThan(commitTimeout);
    }

    /** An NGINX size: bytes, or k or m for KiB and MiB. */
    private static long bytes(String size) {
        String s = size.toLowerCase();
        if (s.endsWith("m")) {
            return Long.parseLong(s.substring(0, s.length() - 1)) * 1024 * 1024;
        }
        if (s.endsWith("k")) {
            return Long.parseLong(s.substring(0, s.length() - 1)) * 1024;
        }
        return Long.parseLong(s);
    }
}
