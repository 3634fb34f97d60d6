package io.cobrowse.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.infra.InfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OpenAPI document names, for every operation of the operator API, its role and its answers. */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class OperatorApiDocumentTest {

    /** The operations of this part of the API and the answers each documents, beyond 401 and 403. */
    private static final Map<String, List<String>> OPERATIONS = Map.of(
            "get /api/v1/webhooks", List.of("200", "400"),
            "get /api/v1/webhooks/{id}", List.of("200", "404"),
            "get /api/v1/visitors", List.of("200", "400"),
            "get /api/v1/visitors/{short_id}", List.of("200", "404"),
            "get /api/v1/visitors/{short_id}/sessions", List.of("200", "400"),
            "delete /api/v1/visitors/{short_id}", List.of("202", "400", "503"),
            "get /api/v1/sessions/{id}", List.of("200", "404"));

    @Test
    void everyOperationNamesItsRoleItsSecurityItsTagAndItsAnswers() {
        Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        List<String> found = new ArrayList<>();
        paths.forEach((path, operations) -> {
            if (path.startsWith("/api/v1/")) {
                operations.keySet().forEach(method -> found.add(method + " " + path));
            }
        });
        assertThat(found).containsAll(OPERATIONS.keySet());

        OPERATIONS.forEach((operation, answers) -> {
            String[] parts = operation.split(" ");
            Map<String, Object> doc = paths.get(parts[1]).get(parts[0]);
            assertThat((String) doc.get("summary")).as(operation).containsPattern("\\(role (read|replay|erase)\\)");
            assertThat(doc.get("security").toString()).as(operation).contains(ApiRoles.SCHEME);
            assertThat((List<?>) doc.get("tags")).as(operation).isNotEmpty();
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) doc.get("responses");
            assertThat(responses).as(operation).containsKeys("401", "403");
            assertThat(responses).as(operation).containsKeys(answers.toArray(String[]::new));
        });
    }
}
