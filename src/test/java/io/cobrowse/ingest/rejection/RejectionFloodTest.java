package io.cobrowse.ingest.rejection;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.OperatorApi;
import io.cobrowse.ingest.support.Rejections;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A flood of unauthenticated requests costs the database about one write a second, not one per request, and
 * every refusal is listed afterwards.
 */
@QuarkusTest
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class RejectionFloodTest {

    private static final Logger LOG = Logger.getLogger(RejectionFloodTest.class);
    private static final int THREADS = 4;
    private static final int PER_THREAD = 500;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/webhooks/cobrowse")
    URL endpoint;

    @Test
    void twoThousandBadSignaturesCostAboutOneInsertASecondAndAreAllListed() throws Exception {
        Db db = new Db(dataSource);
        String prefix = "msg_flood_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        Instant start = Instant.now().minusMillis(5);
        double flushesBefore = counter("cobrowse.rejections.flushes");
        double droppedBefore = counter("cobrowse.rejections.dropped");
        long began = System.nanoTime();

        HttpClient client = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Integer>> senders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            senders.add(pool.submit(() -> {
                int refused = 0;
                for (int i = 0; i < PER_THREAD; i++) {
                    refused += badlySigned(client, prefix + thread + "_" + i) == 401 ? 1 : 0;
                }
                return refused;
            }));
        }
        int refused = 0;
        for (Future<Integer> f : senders) {
            refused += f.get();
        }
        pool.shutdown();
        long floodNanos = System.nanoTime() - began;
        long written = db.awaitCount(
                THREADS * PER_THREAD, "SELECT count(*) FROM rejected_request WHERE webhook_id LIKE ?", prefix + "%");
        double seconds = (System.nanoTime() - began) / 1e9;
        double flushes = counter("cobrowse.rejections.flushes") - flushesBefore;
        // each write is one transaction: the distinct inserting transactions, as PostgreSQL counts them
        long transactions = db.count(
                "SELECT count(DISTINCT xmin::text) FROM rejected_request WHERE webhook_id LIKE ?", prefix + "%");
        LOG.infof(
                "flood: %d requests in %.2f s, all written after %.2f s, in %.0f writes (%d transactions)",
                THREADS * PER_THREAD, floodNanos / 1e9, seconds, flushes, transactions);

        assertThat(refused).isEqualTo(THREADS * PER_THREAD);
        assertThat(written).isEqualTo(THREADS * PER_THREAD);
        // one write a second at most, plus the one that was under way when the flood began
        assertThat(flushes).isLessThanOrEqualTo(Math.ceil(seconds) + 1);
        assertThat(transactions).isLessThanOrEqualTo((long) Math.ceil(seconds) + 1);
        assertThat(counter("cobrowse.rejections.dropped")).isEqualTo(droppedBefore);

        List<Map<String, Object>> listed = Rejections.since(start);
        Set<String> ids = listed.stream()
                .map(i -> (String) i.get("webhook_id"))
                .filter(id -> id != null && id.startsWith(prefix))
                .collect(Collectors.toSet());
        assertThat(ids).hasSize(THREADS * PER_THREAD);
        assertThat(listed).filteredOn(i -> ids.contains(i.get("webhook_id"))).allSatisfy(i -> {
            assertThat(i.get("status")).isEqualTo(401);
            assertThat(i.get("reason")).isEqualTo("no signature matches");
        });
        // the default page is 100, with a cursor to the next
        OperatorApi.as(OperatorApi.READ_ONLY)
                .queryParam("received_after", start.toString())
                .get("/api/v1/rejections")
                .then()
                .statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(100))
                .body("next_cursor", org.hamcrest.Matchers.notNullValue());
    }

    private int badlySigned(HttpClient client, String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.toString()))
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(Instant.now().getEpochSecond()))
                .header("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"visitor.updated\"}"))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }
}
