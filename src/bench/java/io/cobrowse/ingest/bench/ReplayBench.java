package io.cobrowse.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;

/**
 * A replay against the relay's normal pace, in the same run: seeds live records ({@link ReplaySeed}) and times
 * the relay from their commit until the last is published, then replays their window through the operator API
 * and times the job from the POST until it reports done (planned, copied, and every copy published by the
 * relay).
 */
final class ReplayBench {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final BenchInfra infra;
    private final int port;
    private final String replayKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    ReplayBench(BenchInfra infra, int port, String replayKey) {
        this.infra = infra;
        this.port = port;
        this.replayKey = replayKey;
    }

    /**
     * A warm-up first, of a twentieth of the records, measured the same way and dropped: the relay publishes
     * nothing until the topics have been checked (at a fresh start, up to a topic-check interval after they
     * were created), and neither path should be timed while the JIT compiler is still at work on it.
     */
    ReplayResult run(String runId, int records) throws Exception {
        int warmUp = Math.max(1000, records / 20);
        System.out.printf("Replay: warming up with %d records ...%n", warmUp);
        measure(runId + "w", warmUp);
        ReplayResult result = measure(runId, records);
        System.out.print(result.table().text());
        return result;
    }

    private ReplayResult measure(String seedRun, int records) throws Exception {
        System.out.printf("Replay: seeding %d live records ...%n", records);
        ReplaySeed.Seeded seed = ReplaySeed.write(infra.jdbcUrl, infra.user, infra.password, seedRun, records);
        long relayStart = System.nanoTime();
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl, infra.user, infra.password)) {
            while (ReplaySeed.unpublished(c, seed) > 0) {
                deadline(relayStart, "the relay to publish the seeded records");
                Thread.sleep(POLL.toMillis());
            }
        }
        double relaySeconds = seconds(relayStart);
        System.out.printf("Replay: the relay published them in %.1f s; replaying their window ...%n", relaySeconds);
        long replayStart = System.nanoTime();
        String body = "{\"from\": \"" + seed.from() + "\", \"to\": \"" + seed.to() + "\"}";
        HttpResponse<String> started = http.send(
                request("/api/v1/replays")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IOException("POST /api/v1/replays answered " + started.statusCode() + ": " + started.body());
        }
        String location = started.headers().firstValue("Location").orElseThrow();
        JsonNode job;
        do {
            deadline(replayStart, "the replay to finish");
            Thread.sleep(POLL.toMillis());
            job = json.readTree(http.send(request(location).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body());
        } while (job.path("status").asText().equals("running"));
        double replaySeconds = seconds(replayStart);
        if (!job.path("status").asText().equals("done")) {
            throw new IOException("the replay ended " + job);
        }
        System.out.printf("Replay: done in %.1f s%n", replaySeconds);
        return new ReplayResult(
                records,
                seed.visitors(),
                relaySeconds,
                job.path("records_total").asLong(),
                replaySeconds);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + replayKey)
                .header("Content-Type", "application/json");
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void deadline(long since, String what) throws IOException {
        if (System.nanoTime() - since > TIMEOUT.toNanos()) {
            throw new IOException("gave up waiting for " + what + " after " + TIMEOUT.toMinutes() + " minutes");
        }
    }
}
