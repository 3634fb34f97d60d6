package io.cobrowse.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cobrowse.ingest.config.IngestConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the service accepts at start-up as its signing secrets and tolerance, read as the service reads them. */
class SignatureVerifierProducerTest {

    private static final String GOOD = "whsec_" + base64("thirty-two bytes of random key!!");

    private static IngestConfig config(String secrets, String tolerance) {
        return new SmallRyeConfigBuilder()
                .withMapping(IngestConfig.class)
                // durations as the service reads them (5M, 1H)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(
                        Map.of("cobrowse.webhook.secrets", secrets, "cobrowse.webhook.tolerance", tolerance),
                        "test",
                        500))
                .build()
                .getConfigMapping(IngestConfig.class);
    }

    private static SignatureVerifier start(String secrets, String tolerance) {
        return new SignatureVerifierProducer().verifier(config(secrets, tolerance));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 15})
    void aSecretShorterThan16BytesRefusesStartUpWithoutShowingIt(int bytes) {
        String shortSecret = "whsec_" + base64("k".repeat(bytes));
        assertThatThrownBy(() -> start(GOOD + "," + shortSecret, "5M"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("COBROWSE_WEBHOOK_SECRETS")
                .hasMessageContaining("16 bytes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortSecret.substring(6)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_AA==", "whsec_AAAA"})
    void theShortestSecretsOfTheBriefAreRefused(String secret) {
        assertThatThrownBy(() -> start(secret, "5M")).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1H0.001S", "2H", "P1D", "0S", "PT-5M"})
    void aToleranceOutsideOneSecondToOneHourRefusesStartUp(String tolerance) {
        assertThatThrownBy(() -> start(GOOD, tolerance))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("COBROWSE_WEBHOOK_TOLERANCE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT1S", "5M", "PT1H"})
    void aSecretOf16BytesOrMoreAndAToleranceWithinTheBoundsStart(String tolerance) {
        assertThat(start(GOOD + ",whsec_" + base64("sixteen bytes!!!"), tolerance))
                .isNotNull();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
