package io.cobrowse.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class NormalizationTest {

    static List<String> ids(String... values) {
        return Arrays.asList(values);
    }

    static Stream<Arguments> names() {
        String hundred = "A" + "b".repeat(98) + "c";
        String hundredOne = hundred + "d";
        String surrogateLetter = "\uD842\uDFB7"; // U+20BB7, a CJK letter outside the BMP
        return Stream.of(
                // a name that was sent wins, even when it would not pass as an identity
                Arguments.of("sent name", "Grace Hopper", ids("Ada Lovelace"), "Grace Hopper"),
                Arguments.of("sent name with digits", "R2D2", ids("Ada Lovelace"), "R2D2"),
                Arguments.of("sent name starting with #", "#1", ids("Ada Lovelace"), "#1"),
                Arguments.of("sent name kept untrimmed", "  Ada  ", ids(), "  Ada  "),
                Arguments.of("sent empty name", "", ids("Ada Lovelace"), ""),
                Arguments.of("sent email as name", "ada@example.com", null, "ada@example.com"),
                // otherwise the first identity that looks like a name
                Arguments.of("no identities", null, null, null),
                Arguments.of("empty identities", null, ids(), null),
                Arguments.of(
                        "skips #id, takes the name",
                        null,
                        ids("#12345", "Ada Lovelace", "ada@example.com"),
                        "Ada Lovelace"),
                Arguments.of("first of two names", null, ids("Ada Lovelace", "Grace Hopper"), "Ada Lovelace"),
                Arguments.of("identity trimmed", null, ids("  Ada Lovelace \t"), "Ada Lovelace"),
                Arguments.of("two letters", null, ids("Al"), "Al"),
                Arguments.of("one letter", null, ids("A"), null),
                Arguments.of("one letter after trimming", null, ids("  A  "), null),
                Arguments.of("100 characters", null, ids(hundred), hundred),
                Arguments.of("101 characters", null, ids(hundredOne), null),
                Arguments.of("101 characters before trimming, 100 after", null, ids(" " + hundred), hundred),
                Arguments.of("no letter", null, ids("--", "..."), null),
                Arguments.of("a digit", null, ids("R2D2", "Ada"), "Ada"),
                Arguments.of("an @", null, ids("ada@example.com", "Ada"), "Ada"),
                Arguments.of("an @ alone", null, ids("Ada @ home"), null),
                Arguments.of("a ://", null, ids("https://example.com/ada", "Ada"), "Ada"),
                Arguments.of("a :// without a scheme", null, ids("ada://x"), null),
                Arguments.of("starting with #", null, ids("#Ada", "Ada"), "Ada"),
                Arguments.of("starting with # after trimming", null, ids("  #Ada"), null),
                Arguments.of("# inside is fine", null, ids("Ada #fan"), "Ada #fan"),
                Arguments.of("letters beyond ASCII", null, ids("José Müller"), "José Müller"),
                Arguments.of("CJK letters", null, ids("李小龙"), "李小龙"),
                Arguments.of("a non-ASCII digit", null, ids("Ada \u0663"), null),
                Arguments.of("only ids", null, ids("#1", "12345", "ada@example.com", "https://x.example"), null),
                // characters, not UTF-16 units
                Arguments.of("one character outside the BMP", null, ids(surrogateLetter), null),
                Arguments.of(
                        "100 characters outside the BMP",
                        null,
                        ids(surrogateLetter.repeat(100)),
                        surrogateLetter.repeat(100)),
                Arguments.of(
                        "identity trimmed of Unicode spaces", null, ids("\u2003Ada Lovelace\u2003"), "Ada Lovelace"));
    }

    @ParameterizedTest(name = "{0}: name={1} identities={2} -> {3}")
    @MethodSource("names")
    void nameIsAsSentElseTheFirstIdentityThatLooksLikeAName(
            String rule, String name, List<String> identities, String expected) {
        assertThat(Normalization.visitorName(name, identities)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "name={0} email={1} short_id={2} -> {3}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "Ada Lovelace, ada.lovelace@example.com, k7Qm2Xp9, Ada Lovelace",
                "Ada Lovelace, NULL,                     k7Qm2Xp9, Ada Lovelace",
                "NULL,         ada.lovelace@example.com, k7Qm2Xp9, ada.lovelace",
                "NULL,         a@b@example.com,          k7Qm2Xp9, a",
                "NULL,         NULL,                     k7Qm2Xp9, k7Qm2Xp9",
                "NULL,         @example.com,             k7Qm2Xp9, k7Qm2Xp9",
                "'',           ada@example.com,          k7Qm2Xp9, ada",
                "'   ',        NULL,                     k7Qm2Xp9, k7Qm2Xp9"
            })
    void nicknameIsTheNameElseTheEmailLocalPartElseTheShortId(
            String name, String email, String shortId, String expected) {
        assertThat(Normalization.nickname(name, email, shortId)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} s -> {1}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "0,      00:00",
                "1,      00:01",
                "11,     00:11",
                "59,     00:59",
                "60,     01:00",
                "70,     01:10",
                "670,    11:10",
                "3599,   59:59",
                "3600,   1:00:00",
                "3723,   1:02:03",
                "36000,  10:00:00",
                "359999, 99:59:59",
                "360000, 100:00:00",
                "-1,     NULL",
                "-3600,  NULL"
            })
    void durationIsMinutesAndSecondsThenHoursFromAnHour(Integer seconds, String expected) {
        assertThat(Normalization.duration(seconds)).isEqualTo(expected);
    }

    @Test
    void durationIsWhatTheFormatterWrites() {
        for (int seconds = 0; seconds <= 400_000; seconds++) {
            int h = seconds / 3600;
            String formatted = h > 0
                    ? String.format(Locale.ROOT, "%d:%02d:%02d", h, (seconds % 3600) / 60, seconds % 60)
                    : String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
            assertThat(Normalization.duration(seconds)).isEqualTo(formatted);
        }
    }

    @ParameterizedTest
    @NullSource
    void durationOfUnknownSecondsIsNull(Integer seconds) {
        assertThat(Normalization.duration(seconds)).isNull();
    }

    static Stream<Arguments> enumerations() {
        return Stream.of(
                Arguments.of("device_type", Normalization.DEVICE_TYPES, "Mobile", "mobile"),
                Arguments.of("device_type", Normalization.DEVICE_TYPES, "desktop", "desktop"),
                Arguments.of("device_type", Normalization.DEVICE_TYPES, "SMARTTV", "smarttv"),
                Arguments.of("device_type", Normalization.DEVICE_TYPES, "Wearable", "wearable"),
                Arguments.of("device_type", Normalization.DEVICE_TYPES, "phone", null),
                Arguments.of("device_type", Normalization.DEVICE_TYPES, "smart tv", null),
                Arguments.of("device_type", Normalization.DEVICE_TYPES, "", null),
                Arguments.of("device_type", Normalization.DEVICE_TYPES, null, null),
                Arguments.of("sdk", Normalization.SDKS, "web", "web"),
                Arguments.of("sdk", Normalization.SDKS, "iOS", "ios"),
                Arguments.of("sdk", Normalization.SDKS, "Android", "android"),
                Arguments.of("sdk", Normalization.SDKS, "windows", null),
                Arguments.of("sdk", Normalization.SDKS, null, null),
                Arguments.of("video_status", Normalization.VIDEO_STATUSES, "Recording", "recording"),
                Arguments.of("video_status", Normalization.VIDEO_STATUSES, "NOT_AVAILABLE", "not_available"),
                Arguments.of("video_status", Normalization.VIDEO_STATUSES, "ready", "ready"),
                Arguments.of("video_status", Normalization.VIDEO_STATUSES, "not available", null),
                Arguments.of("video_status", Normalization.VIDEO_STATUSES, "unknown", null),
                Arguments.of("source", Normalization.SESSION_SOURCES, "Lookup Code", "lookup code"),
                Arguments.of("source", Normalization.SESSION_SOURCES, "API", "api"),
                Arguments.of("source", Normalization.SESSION_SOURCES, "Personal Link", "personal link"),
                Arguments.of("source", Normalization.SESSION_SOURCES, "agent request", "agent request"),
                Arguments.of("source", Normalization.SESSION_SOURCES, "lookup_code", null),
                Arguments.of("source", Normalization.SESSION_SOURCES, "3", null));
    }

    @ParameterizedTest(name = "{0} \"{2}\" -> {3}")
    @MethodSource("enumerations")
    void enumerationIsLowerCasedAndAnUnknownValueIsNull(
            String field, Set<String> allowed, String sent, String expected) {
        assertThat(Normalization.enumeration(sent, allowed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"WEB", "IOS", "ANDROID"})
    void enumerationDoesNotDependOnTheDefaultLocale(String sent) {
        java.util.Locale before = java.util.Locale.getDefault();
        java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
        try {
            assertThat(Normalization.enumeration(sent, Normalization.SDKS))
                    .isEqualTo(sent.toLowerCase(java.util.Locale.ROOT));
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "NULL",
            value = {
                "ea_77ab, api",
                "ea_,     api",
                "u_1c9,   user",
                "u_,      user",
                "EA_77ab, NULL",
                "U_1c9,   NULL",
                "ea77ab,  NULL",
                "agent_1, NULL",
                "xea_1,   NULL",
                "'',      NULL",
                "NULL,    NULL"
            })
    void agentKindComesFromTheIdPrefix(String id, String expected) {
        assertThat(Normalization.agentKind(id)).isEqualTo(expected);
    }
}
