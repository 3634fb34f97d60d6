package io.cobrowse.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureVerifierTest {

    // the reference vector of the Standard Webhooks specification
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long NOW = 1614265330L;
    static final String TS = Long.toString(NOW);
    static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String SIGNATURE = "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
    static final String HEADER = "v1," + SIGNATURE;

    static final String OTHER_SECRET = "whsec_" + base64("another key of thirty-two bytes!");
    static final Duration TOLERANCE = Duration.ofMinutes(5);
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);

    static SignatureVerifier verifier(String... secrets) {
        return new SignatureVerifier(List.of(secrets), TOLERANCE, CLOCK);
    }

    static String base64(String s) {
        return java.util.Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class ReferenceVector {

        @Test
        void signProducesTheReferenceSignature() {
            assertThat(SignatureVerifier.sign(SECRET, ID, NOW, BODY)).isEqualTo(SIGNATURE);
        }

        @Test
        void verifyAcceptsTheReferenceRequest() {
            assertThat(verifier(SECRET).verify(ID, TS, HEADER, BODY)).isEmpty();
        }

        @Test
        void secretWithoutWhsecPrefixIsAccepted() {
            String bare = SECRET.substring("whsec_".length());
            assertThat(verifier(bare).verify(ID, TS, HEADER, BODY)).isEmpty();
            assertThat(SignatureVerifier.sign(bare, ID, NOW, BODY)).isEqualTo(SIGNATURE);
        }
    }

    @Nested
    class Rotation {

        @Test
        void anyConfiguredSecretMayMatch() {
            assertThat(verifier(OTHER_SECRET, SECRET).verify(ID, TS, HEADER, BODY))
                    .isEmpty();
            assertThat(verifier(SECRET, OTHER_SECRET).verify(ID, TS, HEADER, BODY))
                    .isEmpty();
        }

        @Test
        void signatureOfTheNewSecretMatchesWhileBothAreConfigured() {
            String header = "v1," + SignatureVerifier.sign(OTHER_SECRET, ID, NOW, BODY);
            assertThat(verifier(SECRET, OTHER_SECRET).verify(ID, TS, header, BODY))
                    .isEmpty();
        }

        @Test
        void signatureOfASecretNoLongerConfiguredIsRefused() {
            assertThat(verifier(OTHER_SECRET).verify(ID, TS, HEADER, BODY)).isPresent();
        }
    }

    static Stream<Arguments> acceptedHeaders() {
        String wrong = SignatureVerifier.sign(OTHER_SECRET, ID, NOW, BODY);
        return Stream.of(
                Arguments.of("valid entry second after a wrong one", "v1," + wrong + " " + HEADER),
                Arguments.of("valid entry among three", "v1," + wrong + " " + HEADER + " v1," + wrong),
                Arguments.of(
                        "unknown versions before the v1 entry are skipped",
                        "v1a," + wrong + " v2," + wrong + " " + HEADER),
                Arguments.of("several spaces between entries", "v1," + wrong + "   " + HEADER),
                Arguments.of("malformed base64 entry before the valid one", "v1,!!!not-base64!!! " + HEADER),
                Arguments.of("entry without a comma before the valid one", "v1 " + HEADER),
                Arguments.of("empty v1 entry before the valid one", "v1, " + HEADER));
    }

    @ParameterizedTest(name = "accepted: {0}")
    @MethodSource("acceptedHeaders")
    void headerWithOneMatchingV1EntryIsAccepted(String description, String header) {
        assertThat(verifier(SECRET).verify(ID, TS, header, BODY)).isEmpty();
    }

    static Stream<Arguments> refusedHeaders() {
        String wrong = SignatureVerifier.sign(OTHER_SECRET, ID, NOW, BODY);
        return Stream.of(
                Arguments.of("signed with another secret", "v1," + wrong),
                Arguments.of("the right signature under version v1a", "v1a," + SIGNATURE),
                Arguments.of("the right signature under version v2", "v2," + SIGNATURE),
                Arguments.of("the right signature with no version", SIGNATURE),
                Arguments.of("the right signature under an upper-case version", "V1," + SIGNATURE),
                Arguments.of("malformed base64 only", "v1,!!!not-base64!!!"),
                Arguments.of("truncated signature", "v1," + SIGNATURE.substring(0, 20)),
                Arguments.of("empty v1 entry", "v1,"),
                Arguments.of("the signature of an asymmetric version", "v1a," + base64("x".repeat(64))));
    }

    @ParameterizedTest(name = "refused: {0}")
    @MethodSource("refusedHeaders")
    void headerWithoutAMatchingV1EntryIsRefused(String description, String header) {
        assertThat(verifier(SECRET).verify(ID, TS, header, BODY)).isPresent();
    }

    @Test
    void bodyTamperedInOneByteIsRefused() {
        for (int i = 0; i < BODY.length; i++) {
            byte[] tampered = BODY.clone();
            tampered[i] ^= 0x01;
            assertThat(verifier(SECRET).verify(ID, TS, HEADER, tampered))
                    .as("byte %d flipped", i)
                    .isPresent();
        }
    }

    @Test
    void bodyWithOneMoreTrailingByteIsRefused() {
        byte[] longer = java.util.Arrays.copyOf(BODY, BODY.length + 1);
        longer[BODY.length] = '\n';
        assertThat(verifier(SECRET).verify(ID, TS, HEADER, longer)).isPresent();
    }

    @Test
    void anotherWebhookIdIsRefused() {
        assertThat(verifier(SECRET).verify(ID + "x", TS, HEADER, BODY)).isPresent();
    }

    static Stream<Arguments> missingHeaders() {
        return Stream.of(
                Arguments.of(null, TS, HEADER),
                Arguments.of("", TS, HEADER),
                Arguments.of("  ", TS, HEADER),
                Arguments.of(ID, null, HEADER),
                Arguments.of(ID, "", HEADER),
                Arguments.of(ID, TS, null),
                Arguments.of(ID, TS, ""),
                Arguments.of(ID, TS, "   "));
    }

    @ParameterizedTest(name = "id={0} timestamp={1} signature={2}")
    @MethodSource("missingHeaders")
    void missingOrBlankHeaderIsRefused(String id, String timestamp, String signature) {
        assertThat(verifier(SECRET).verify(id, timestamp, signature, BODY)).isPresent();
    }

    @ParameterizedTest(name = "timestamp \"{0}\"")
    @ValueSource(
            strings = {
                "abc",
                "1614265330.0",
                "1614265330s",
                "2021-02-25T15:02:10Z",
                "0x603F3A72",
                "99999999999999999999999"
            })
    void nonNumericTimestampIsRefused(String timestamp) {
        assertThat(verifier(SECRET).verify(ID, timestamp, HEADER, BODY))
                .hasValueSatisfying(reason -> assertThat(reason).contains("webhook-timestamp"));
    }

    static Stream<Arguments> timestamps() {
        return Stream.of(
                Arguments.of("exactly the tolerance in the past", -300L, true),
                Arguments.of("one second within the tolerance in the past", -299L, true),
                Arguments.of("one second beyond the tolerance in the past", -301L, false),
                Arguments.of("an hour in the past", -3600L, false),
                Arguments.of("exactly the tolerance in the future", 300L, true),
                Arguments.of("one second within the tolerance in the future", 299L, true),
                Arguments.of("one second beyond the tolerance in the future", 301L, false),
                Arguments.of("a day in the future", 86_400L, false));
    }

    @ParameterizedTest(name = "{0}: accepted={2}")
    @MethodSource("timestamps")
    void timestampIsCheckedAgainstTheToleranceInBothDirections(String description, long offset, boolean accepted) {
        long ts = NOW + offset;
        String header = "v1," + SignatureVerifier.sign(SECRET, ID, ts, BODY);
        var result = verifier(SECRET).verify(ID, Long.toString(ts), header, BODY);
        if (accepted) {
            assertThat(result).isEmpty();
        } else {
            assertThat(result).hasValueSatisfying(reason -> assertThat(reason).contains("tolerance"));
        }
    }

    @ParameterizedTest(name = "timestamp {0}")
    @ValueSource(longs = {Long.MIN_VALUE, Long.MIN_VALUE + NOW, Long.MIN_VALUE + NOW + 1, Long.MAX_VALUE, -1L, 0L})
    void timestampFarOutsideTheToleranceIsRefusedEvenWhenTheDistanceOverflows(long ts) {
        // signed by the holder of the secret: only the replay window may refuse it
        String header = "v1," + SignatureVerifier.sign(SECRET, ID, ts, BODY);
        assertThat(verifier(SECRET).verify(ID, Long.toString(ts), header, BODY)).isPresent();
    }

    @Nested
    class Construction {

        @ParameterizedTest(name = "secret \"{0}\"")
        @ValueSource(strings = {"whsec_not base64 at all!", "whsec_", "", "   ", "whsec_%%%%", "whsec_abc=def"})
        void malformedSecretIsRefusedWithoutEchoingIt(String secret) {
            assertThatThrownBy(() -> verifier(SECRET, secret))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> {
                        assertThat(e.getMessage()).isNotBlank();
                        String body = secret.replace("whsec_", "").trim();
                        if (!body.isEmpty()) {
                            assertThat(e.getMessage()).doesNotContain(body);
                        }
                    });
        }

        @Test
        void validSecretNeverAppearsInTheMessageOfAnotherSecretsFailure() {
            assertThatThrownBy(() -> verifier(SECRET, "whsec_?"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET.substring("whsec_".length())));
        }

        @Test
        void noSecretAtAllIsRefused() {
            assertThatThrownBy(() -> new SignatureVerifier(List.of(), TOLERANCE, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void signRefusesAMalformedSecretWithoutEchoingIt() {
            assertThatThrownBy(() -> SignatureVerifier.sign("whsec_secret value!", ID, NOW, BODY))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secret value!"));
        }
    }
}
