package io.cobrowse.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.cobrowse.ingest.infra.InfraResource;
import io.cobrowse.ingest.support.Db;
import io.cobrowse.ingest.support.Management;
import io.cobrowse.ingest.support.Webhooks;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Overload and slow work, seen from outside: a full queue and a commit that takes too long answer 503 with
 * Retry-After, and a slow signature check does not hold up other requests.
 */
@QuarkusTest
@TestProfile(OverloadTest.Limits.class)
@WithTestResource(value = InfraResource.class, scope = TestResourceScope.GLOBAL)
class OverloadTest {

    /** Small limits, so that tests reach them; many secrets, so that a bad signature takes long to check. */
    public static class Limits implements QuarkusTestProfile {
        static final int BODY_LIMIT = 8 * 1024 * 1024;
        static final int OTHER_SECRETS = 2000;

        @Override
        public Map<String, String> getConfigOverrides() {
            String others = IntStream.range(0, OTHER_SECRETS)
                    .mapToObj(i ->
                            "whsec_" + Base64.getEncoder().encodeToString(("other-secret-" + (100000 + i)).getBytes()))
                    .collect(Collectors.joining(","));
            return Map.of(
                    "cobrowse.writer.queue-max-bytes",
                    String.valueOf(256 * 1024),
                    "cobrowse.writer.commit-timeout",
                    "2S",
                    "cobrowse.webhook.max-body-bytes",
                    String.valueOf(BODY_LIMIT),
                    // the test secrets first, so that the tests' own signatures still match at once
                    TEST_SECRETS,
                    testSecrets() + "," + others,
                    // one event loop: what blocks it blocks every connection
                    "quarkus.vertx.event-loops-pool-size",
                    "1");
        }
    }

    private static final String TEST_SECRETS = "%test.cobrowse.webhook.secrets";

    private static String testSecrets() {
        Properties properties = new Properties();
        try (InputStream in = OverloadTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty(TEST_SECRETS);
    }

    /** Each request of its own thread: the common pool may have one thread on a small machine. */
    private static final ExecutorService CLIENTS = Executors.newCachedThreadPool();

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/webhooks/cobrowse")
    URL endpoint;

    @Test
    void aFullQueueAnswers503WithRetryAfterAtOnce() throws Exception {
        String blocked = "ovq-" + tag();
        try (Connection lock = holdVisitorLock(blocked)) {
            // the writer that takes this webhook waits for the lock, holding its turn: the queue fills
            CompletableFuture<Response> first = sendAsync(Webhooks.newId(), visitor(blocked, 0));
            awaitWaitingLock();
            List<CompletableFuture<Response>> queued = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                // about 100 kB each: the third no longer fits into 256 KiB
                queued.add(sendAsync(Webhooks.newId(), visitor("ovq-" + tag(), 100_000)));
            }
            Response refused = CompletableFuture.anyOf(queued.toArray(CompletableFuture[]::new))
                    .thenApply(Response.class::cast)
                    .get(30, TimeUnit.SECONDS);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).matches("\\d+");
            lock.close();
            for (CompletableFuture<Response> f : queued) {
                assertThat(f.get(60, TimeUnit.SECONDS).statusCode()).isIn(202, 503);
            }
            assertThat(first.get(60, TimeUnit.SECONDS).statusCode()).isIn(202, 503);
        }
    }

    @Test
    void aCommitThatTakesLongerThanTheTimeoutAnswers503AndStoresNothing() throws Exception {
        String shortId = "ovt-" + tag();
        String id = Webhooks.newId();
        String body = visitor(shortId, 0);
        CompletableFuture<Response> answer;
        try (Connection lock = holdVisitorLock(shortId)) {
            answer = sendAsync(id, body);
            awaitWaitingLock();
            // longer than the commit time-out (2 s), shorter than the driver's socket time-out (15 s)
            Thread.sleep(6000);
        }
        Response r = answer.get(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.header("Retry-After")).matches("\\d+");
        Db db = new Db(dataSource);
        assertThat(db.count("SELECT count(*) FROM inbox_event WHERE webhook_id = ?", id))
                .isZero();
        // nothing was acknowledged: the retry is new, not a duplicate
        Webhooks.send(id, body).then().statusCode(202);
    }

    @Test
    void aSlowSignatureCheckDoesNotHoldUpOtherRequests() throws Exception {
        // signed with none of the secrets: every one of them is tried over the whole body
        byte[] body = visitor("ove-" + tag(), Limits.BODY_LIMIT - 1024).getBytes(StandardCharsets.UTF_8);
        CountDownLatch sent = new CountDownLatch(1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.toString()))
                .header("content-type", "application/json")
                .header("webhook-id", Webhooks.newId())
                .header("webhook-timestamp", String.valueOf(Instant.now().getEpochSecond()))
                .header("webhook-signature", "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        int n = super.read(b, off, len);
                        if (n < 0) {
                            sent.countDown();
                        }
                        return n;
                    }
                }))
                .build();
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> unauthentic =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        assertThat(sent.await(60, TimeUnit.SECONDS)).as("the body was sent").isTrue();
        // the check of 2000 secrets over 8 MiB takes seconds; other requests meanwhile answer at once
        Thread.sleep(500);
        // the management port is served by the same single event loop as the webhook's port
        RequestSpecification management = Management.given();
        CompletableFuture<Integer> live = CompletableFuture.supplyAsync(
                () -> management.when().get("/q/health/live").statusCode(), CLIENTS);
        CompletableFuture.anyOf(live, unauthentic).get(120, TimeUnit.SECONDS);
        assertThat(unauthentic)
                .as("the check of the unauthentic request is still running")
                .isNotDone();
        assertThat(live.get()).isEqualTo(200);
        assertThat(unauthentic.get(120, TimeUnit.SECONDS).statusCode()).isEqualTo(401);
    }

    private Connection holdVisitorLock(String shortId) throws SQLException {
        Connection c = dataSource.getConnection();
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
            ps.setString(1, shortId);
            ps.executeQuery().close();
        }
        return c;
    }

    private void awaitWaitingLock() throws InterruptedException {
        Db db = new Db(dataSource);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (db.count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 0) {
            assertThat(System.nanoTime()).as("a writer waits for the lock").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static CompletableFuture<Response> sendAsync(String id, String body) {
        return CompletableFuture.supplyAsync(() -> Webhooks.send(id, body), CLIENTS);
    }

    private static String visitor(String shortId, int padding) {
        return Webhooks.envelope(
                "visitor.updated",
                "2026-11-24T10:00:00Z",
                "{\"short_id\":\"" + shortId + "\",\"last_url\":\"" + "x".repeat(padding) + "\"}");
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
