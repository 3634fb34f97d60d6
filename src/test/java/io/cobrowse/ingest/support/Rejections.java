package io.cobrowse.ingest.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads GET /api/v1/rejections as an operator does, page after page. */
public final class Rejections {

    private Rejections() {}

    /** Every refusal received after the given time, newest first, following next_cursor to the end. */
    public static List<Map<String, Object>> since(Instant after) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = OperatorApi.as(OperatorApi.READ_ONLY)
                    .queryParam("received_after", after.toString())
                    .queryParam("limit", 500);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/rejections").then().statusCode(200).extract();
            all.addAll(page.jsonPath().getList("items"));
            cursor = page.path("next_cursor");
        } while (cursor != null);
        return all;
    }

    /**
     * The refusals since the given time once the condition holds of them, or as they are after a few seconds:
     * each replica writes its refusals about once a second.
     */
    public static List<Map<String, Object>> awaitSince(Instant after, Predicate<List<Map<String, Object>>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        List<Map<String, Object>> items = since(after);
        while (!done.test(items) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            items = since(after);
        }
        return items;
    }

    /** The refusals of one webhook-id. */
    public static List<Map<String, Object>> of(List<Map<String, Object>> items, String webhookId) {
        return items.stream().filter(i -> webhookId.equals(i.get("webhook_id"))).toList();
    }
}
