package io.cobrowse.ingest.support;

import static io.restassured.RestAssured.given;

import io.cobrowse.ingest.webhook.SignatureVerifier;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Sends signed webhooks to the service under test, as the platform does. */
public final class Webhooks {

    private Webhooks() {}

    public static List<String> secrets() {
        return List.of(ConfigProvider.getConfig().getValue("cobrowse.webhook.secrets", String[].class));
    }

    public static String sample(String type) {
        try (InputStream in = Webhooks.class.getResourceAsStream("/samples/" + type + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sample, rewritten for a visitor and session of its own. */
    public static String sampleFor(String type, String visitorId, String sessionId) {
        return sample(type).replace("k7Qm2Xp9", visitorId).replace("ses_9f2c41", sessionId);
    }

    public static String newId() {
        return "msg_" + UUID.randomUUID();
    }

    public static Response send(String id, String body) {
        return send(id, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response send(String id, byte[] body) {
        return signed(id, body).when().post("/webhooks/cobrowse");
    }

    /** A request signed now with the first configured secret, ready to send. */
    public static RequestSpecification signed(String id, byte[] body) {
        long ts = Instant.now().getEpochSecond();
        return given().header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(ts))
                .header(
                        "webhook-signature",
                        "v1," + SignatureVerifier.sign(secrets().get(0), id, ts, body))
                .contentType("application/json")
                .body(body);
    }

    /** An envelope of the given type, timestamp and data (JSON text). */
    public static String envelope(String type, String timestamp, String data) {
        return "{\"type\":\"" + type + "\",\"timestamp\":\"" + timestamp + "\",\"data\":" + data + "}";
    }
}
