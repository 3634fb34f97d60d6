package io.cobrowse.ingest.faults;

import io.cobrowse.ingest.webhook.SignatureVerifier;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** Signs and posts one webhook to one replica, and says what the sender can know of the outcome. */
final class WebhookClient {

    /** Longer than the service ever needs while its database is reachable; beyond it the answer is lost. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    /** What one attempt tells the sender. */
    enum Attempt {
        /** 2xx: committed. */
        ACKNOWLEDGED,
        /** Any other status, or no connection at all: the service did not take it. */
        REFUSED,
        /** Sent, but the answer never came (time-out, connection reset): it may or may not be committed. */
        ANSWER_LOST
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3))
            .build();
    private final String secret;

    WebhookClient(String secret) {
        this.secret = secret;
    }

    /** The attempt's outcome, and the status (0 without one) for the log. */
    record Outcome(Attempt attempt, int status) {}

    Outcome post(int port, Webhook w) throws InterruptedException {
        long now = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/cobrowse"))
                .timeout(ANSWER_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("webhook-id", w.id())
                .header("webhook-timestamp", String.valueOf(now))
                .header("webhook-signature", "v1," + SignatureVerifier.sign(secret, w.id(), now, w.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(w.body()))
                .build();
        try {
            int status =
                    http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Outcome(status / 100 == 2 ? Attempt.ACKNOWLEDGED : Attempt.REFUSED, status);
        } catch (ConnectException | HttpConnectTimeoutException notConnected) {
            // nothing was sent: the replica is down or its port closed
            return new Outcome(Attempt.REFUSED, 0);
        } catch (IOException lost) {
            return new Outcome(Attempt.ANSWER_LOST, 0);
        }
    }
}
