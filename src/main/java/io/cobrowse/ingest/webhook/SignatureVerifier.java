package io.cobrowse.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks v1 signature verification over the raw body bytes: several secrets (rotation),
 * several {@code v1,} entries per header, other versions skipped, constant-time comparison, and a
 * timestamp tolerance in both directions. Pure apart from the clock it is given.
 */
public final class SignatureVerifier {

    private static final String SECRET_PREFIX = "whsec_";

    private final List<SecretKeySpec> keys;
    private final Duration tolerance;
    private final Clock clock;

    public SignatureVerifier(List<String> secrets, Duration tolerance, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret is required");
        }
        List<SecretKeySpec> parsed = new ArrayList<>();
        for (String secret : secrets) {
            parsed.add(new SecretKeySpec(decodeSecret(secret), "HmacSHA256"));
        }
        this.keys = List.copyOf(parsed);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** How many secrets a signature may be made with: a request with a bad one costs an HMAC for each. */
    public int secrets() {
        return keys.size();
    }

    /** The key bytes of a {@code whsec_<base64>} secret. */
    static byte[] decodeSecret(String secret) {
        String s = secret.trim();
        if (s.startsWith(SECRET_PREFIX)) {
            s = s.substring(SECRET_PREFIX.length());
        }
        try {
            byte[] key = Base64.getDecoder().decode(s);
            if (key.length == 0) {
                throw new IllegalArgumentException("a webhook secret is empty");
            }
            return key;
        } catch (IllegalArgumentException e) {
            // never echo the secret itself
            throw new IllegalArgumentException("a webhook secret is not in the whsec_<base64> format");
        }
    }

    /** Why a request is not authentic, or empty when it is. */
    public Optional<String> verify(String id, String timestamp, String signatureHeader, byte[] body) {
        if (isBlank(id) || isBlank(timestamp) || isBlank(signatureHeader)) {
            return Optional.of("the webhook-id, webhook-timestamp and webhook-signature headers are required");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Optional.of("webhook-timestamp must be Unix seconds");
        }
        long now = clock.instant().getEpochSecond();
        // compared without subtracting the sender's value, which could overflow
        if (seconds < now - tolerance.toSeconds() || seconds > now + tolerance.toSeconds()) {
            return Optional.of("webhook-timestamp is outside the tolerance of " + tolerance.toSeconds() + " seconds");
        }
        List<byte[]> candidates = new ArrayList<>();
        for (String entry : signatureHeader.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            try {
                candidates.add(Base64.getDecoder().decode(entry.substring(comma + 1)));
            } catch (IllegalArgumentException e) {
                // a malformed entry matches nothing
            }
        }
        if (candidates.isEmpty()) {
            return Optional.of("webhook-signature has no v1 signature");
        }
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        for (SecretKeySpec key : keys) {
            byte[] expected = sign(key, prefix, body);
            for (byte[] candidate : candidates) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("no signature matches");
    }

    /** The base64 signature of a body, as a sender computes it. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        SecretKeySpec key = new SecretKeySpec(decodeSecret(secret), "HmacSHA256");
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        return Base64.getEncoder().encodeToString(sign(key, prefix, body));
    }

    private static byte[] sign(SecretKeySpec key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
