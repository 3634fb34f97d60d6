package io.cobrowse.ingest.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.OpenApiDocument;
import io.cobrowse.ingest.support.OperatorApi;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every operation under /api/v1, as the OpenAPI document lists it: it names its role and the bearer scheme, answers
 * 401 without a key or with an unknown one, 403 to a key of every other role, and lets its own role's key through.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class OperatorApiAccessTest {

    private static final Pattern ROLE = Pattern.compile("\\(role (read|replay|erase)\\)");
    private static final Map<String, String> KEY_OF_ROLE =
            Map.of("read", OperatorApi.READ_ONLY, "replay", OperatorApi.REPLAY_ONLY, "erase", OperatorApi.ERASE_ONLY);

    record Operation(String method, String path, String role) {
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "k7Qm2Xp9");
        }
    }

    @Test
    void everyOperationNamesItsRoleAndOnlyThatRoleGetsThrough() throws Exception {
        List<Operation> operations = operations();
        assertThat(operations).isNotEmpty();
        for (Operation op : operations) {
            assertThat(call(given(), op)).as("%s without a key", op).isEqualTo(401);
            assertThat(call(OperatorApi.as("unknown-key-000000000000000000000000000"), op))
                    .as("%s with an unknown key", op)
                    .isEqualTo(401);
            for (var other : KEY_OF_ROLE.entrySet()) {
                int status = call(OperatorApi.as(other.getValue()), op);
                if (other.getKey().equals(op.role())) {
                    assertThat(status).as("%s with its role", op).isNotIn(401, 403);
                } else {
                    assertThat(status).as("%s with role %s", op, other.getKey()).isEqualTo(403);
                }
            }
        }
    }

    private static int call(RequestSpecification request, Operation op) {
        return request.contentType("application/json")
                .body(op.method().equals("get") || op.method().equals("delete") ? "" : "{}")
                .request(op.method().toUpperCase(), op.concretePath())
                .statusCode();
    }

    private static List<Operation> operations() throws Exception {
        List<Operation> out = new ArrayList<>();
        OpenApiDocument.paths().fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/v1/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(method -> {
                JsonNode operation = method.getValue();
                String summary = operation.path("summary").asText();
                Matcher role = ROLE.matcher(summary);
                assertThat(role.find())
                        .as("%s %s names its role in its summary", method.getKey(), path.getKey())
                        .isTrue();
                assertThat(operation.path("security").toString())
                        .as("%s %s declares the bearer keys", method.getKey(), path.getKey())
                        .contains(ApiRoles.SCHEME);
                out.add(new Operation(method.getKey(), path.getKey(), role.group(1)));
            });
        });
        return out;
    }
}
