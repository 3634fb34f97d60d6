package io.cobrowse.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;

/** Following the operator's jobs and the relay, as a test waits for them. */
public final class Jobs {

    private Jobs() {}

    /** Polls the job at the given path (with the operator's key) until it is no longer running. */
    public static JsonPath awaitFinished(String path, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath job;
        do {
            Thread.sleep(200);
            job = OperatorApi.as(OperatorApi.OPERATOR)
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
        } while ("running".equals(job.getString("status")) && System.nanoTime() < deadline);
        return job;
    }

    /** Waits until the relay has published every live record of the given webhooks. */
    public static void awaitPublished(Db db, List<String> webhookIds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long unpublished;
        do {
            Thread.sleep(100);
            unpublished = db.count(
                    "SELECT count(*) FROM outbox_event WHERE webhook_id = ANY (?) AND published_at IS NULL",
                    (Object) webhookIds.toArray(String[]::new));
        } while (unpublished > 0 && System.nanoTime() < deadline);
        assertThat(unpublished).as("records not yet published").isZero();
    }
}
