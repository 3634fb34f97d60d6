package io.cobrowse.ingest.support;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The OpenAPI document of the service under test, as it serves it. */
public final class OpenApiDocument {

    private OpenApiDocument() {}

    /** The document's paths, each with its operations by method (in lower case). */
    public static JsonNode paths() throws JsonProcessingException {
        return new ObjectMapper()
                .readTree(given().queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .get("paths");
    }
}
