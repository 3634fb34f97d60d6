package io.cobrowse.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyMediaTypeTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json",
                "application/json; charset=utf-8",
                "application/json;charset=\"UTF-8\"",
                "application/json; charset=UTF8",
                "application/json; charset=us-ascii",
                "application/cloudevents+json"
            })
    void jsonInUtf8ByAnyNameOrInAsciiIsRead(String contentType) {
        assertThat(BodyMediaType.unsupported(contentType, null)).isNull();
        assertThat(BodyMediaType.unsupported(contentType, "identity")).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json; charset=latin1",
                "application/json; charset=utf-16",
                "application/json; charset=no-such-charset"
            })
    void jsonInAnotherCharsetIsNot(String contentType) {
        assertThat(BodyMediaType.unsupported(contentType, null)).isEqualTo("the body must be JSON in UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "deflate"})
    void aCompressedBodyIsNot(String encoding) {
        assertThat(BodyMediaType.unsupported("application/json", encoding)).contains("Content-Encoding");
    }
}
