package io.cobrowse.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.OpenApiDocument;
import io.cobrowse.ingest.webhook.Problem;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A method a path does not answer gets a 405 problem whose Allow header lists the methods the path does answer (RFC
 * 9110 requires it), as OPTIONS does: for every path of the OpenAPI document, the webhook's included.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class MethodNotAllowedTest {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @Test
    void everyPathNamesItsMethodsInA405() throws Exception {
        JsonNode paths = OpenApiDocument.paths();
        assertThat(paths.has("/webhooks/cobrowse")).isTrue();
        paths.fields().forEachRemaining(path -> {
            Set<String> documented = new TreeSet<>();
            path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase()));
            Set<String> expected = new TreeSet<>(documented);
            if (expected.contains("GET")) {
                expected.add("HEAD");
            }
            expected.add("OPTIONS");
            String concrete = path.getKey().replaceAll("\\{[^}]+}", "k7Qm2Xp9");
            assertThat(given().options(concrete).header("Allow"))
                    .as("OPTIONS %s", concrete)
                    .isEqualTo(String.join(", ", expected));
            for (String method : METHODS) {
                if (documented.contains(method)) {
                    continue;
                }
                Response response = given().request(method, concrete);
                assertThat(response.statusCode()).as("%s %s", method, concrete).isEqualTo(405);
                assertThat(response.contentType()).as("%s %s", method, concrete).startsWith(Problem.MEDIA_TYPE);
                assertThat(response.header("Allow"))
                        .as("%s %s", method, concrete)
                        .isEqualTo(String.join(", ", expected));
            }
        });
    }

    @Test
    void headOnlyWhereGetIsAndOptionsOnlyWhereAResourceIs() {
        Response head = given().head("/webhooks/cobrowse");
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.header("Allow")).isEqualTo("OPTIONS, POST");

        Response options = given().options("/api/v1/visitors/k7Qm2Xp9/sessions/more");
        assertThat(options.statusCode()).isEqualTo(404);
        assertThat(options.contentType()).startsWith(Problem.MEDIA_TYPE);
        assertThat(options.header("Allow")).isNull();
    }

    @Test
    void anEncodedSlashStaysWithinItsSegment() {
        Response response = given().urlEncodingEnabled(false).patch("/api/v1/replays/a%2Fb");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }
}
