package io.cobrowse.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.cobrowse.ingest.support.OperatorApi;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads every page of a list of the operator API, as a client following next_cursor does. */
final class Pages {

    /** The items of every page in order, how many pages there were, and each page's body as sent. */
    record Listed(List<Map<String, Object>> items, int pages, List<String> bodies) {

        List<Object> field(String name) {
            return items.stream().map(i -> i.get(name)).toList();
        }
    }

    private Pages() {}

    static Listed all(String path, Map<String, ?> parameters, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = OperatorApi.as(OperatorApi.READ_ONLY)
                    .queryParams(parameters)
                    .queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.get(path)
                    .then()
                    .statusCode(200)
                    .contentType("application/json")
                    .extract();
            List<Map<String, Object>> pageItems = page.path("items");
            assertThat(pageItems).hasSizeLessThanOrEqualTo(limit);
            items.addAll(pageItems);
            bodies.add(page.asString());
            cursor = page.path("next_cursor");
            pages++;
        } while (cursor != null && pages < 100);
        return new Listed(items, pages, bodies);
    }
}
