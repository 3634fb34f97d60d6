package io.cobrowse.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatetimesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-24T10:05:00Z",
                "2026-11-24T10:05:00.1Z",
                "2026-11-24T10:05:00.123456789Z",
                "2026-11-24T10:05:00+01:00",
                "2026-11-24T10:05:00.5-05:30",
                "2024-02-29T23:59:59.999Z",
                "2026-11-24T10:05:00-00:00"
            })
    void theFormWebhooksUseIsReadDirectlyAndAsTheFormatterReadsIt(String text) {
        OffsetDateTime direct = Datetimes.common(text);

        assertThat(direct).isNotNull().isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        assertThat(Datetimes.parse(text)).isEqualTo(direct.toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-02-29T10:05:00Z",
                "2026-11-31T10:05:00Z",
                "2026-13-01T10:05:00Z",
                "2026-11-24T24:00:00Z",
                "2026-11-24T10:60:00Z",
                "2026-11-24T23:59:60Z",
                "2026-11-24T10:05:00+18:01",
                "2026-11-24T10:05:00+05:60"
            })
    void outOfRangeFieldsAreRefusedBothWays(String text) {
        assertThatThrownBy(() -> Datetimes.common(text)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .isInstanceOf(DateTimeException.class);
        assertThat(Datetimes.parse(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-11-24t10:05:00Z",
                "2026-11-24T10:05Z",
                "2026-11-24T10:05:00.Z",
                "2026-11-24T10:05:00+0100",
                "2026-11-24T10:05:00+01:00:30",
                "+2026-11-24T10:05:00Z"
            })
    void otherFormsAreLeftToTheFormatter(String text) {
        assertThat(Datetimes.common(text)).isNull();
        Instant viaFormatter;
        try {
            viaFormatter = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant();
        } catch (DateTimeException e) {
            viaFormatter = null;
        }
        assertThat(Datetimes.parse(text)).isEqualTo(viaFormatter);
    }

    @Test
    void withoutOffsetOrOutsideTheYearsItIsNoDatetime() {
        assertThat(Datetimes.parse("2026-11-24T10:05:00")).isNull();
        assertThat(Datetimes.parse("0000-12-31T23:00:00Z")).isNull();
        assertThat(Datetimes.parse("0001-01-01T00:30:00+01:00")).isNull();
        assertThat(Datetimes.parse("9999-12-31T23:59:59Z")).isNotNull();
    }

    /** Thousands of near-misses of the common form: wherever it answers, the formatter answers the same. */
    @Test
    void theDirectReadingAgreesWithTheFormatterOnRandomText() {
        Random random = new Random(42);
        int direct = 0;
        for (int i = 0; i < 50_000; i++) {
            String text = mutate(candidate(random), random);
            OffsetDateTime expected;
            try {
                expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeException e) {
                expected = null;
            }
            OffsetDateTime actual;
            try {
                actual = Datetimes.common(text);
            } catch (DateTimeException e) {
                assertThat(expected).as(text).isNull();
                continue;
            }
            if (actual != null) {
                direct++;
                assertThat(actual).as(text).isEqualTo(expected);
            }
        }
        assertThat(direct).isGreaterThan(5_000);
    }

    private static String candidate(Random r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "%04d-%02d-%02dT%02d:%02d:%02d",
                r.nextInt(10_000), r.nextInt(14), r.nextInt(33), r.nextInt(26), r.nextInt(62), r.nextInt(62)));
        int fraction = r.nextInt(12) - 1;
        if (fraction >= 0) {
            s.append('.');
            for (int i = 0; i < fraction; i++) {
                s.append((char) ('0' + r.nextInt(10)));
            }
        }
        switch (r.nextInt(4)) {
            case 0 -> s.append('Z');
            case 1 -> s.append(String.format("+%02d:%02d", r.nextInt(20), r.nextInt(62)));
            case 2 -> s.append(String.format("-%02d:%02d", r.nextInt(20), r.nextInt(62)));
            default -> s.append(r.nextBoolean() ? "z" : "");
        }
        return s.toString();
    }

    /** Now and then one character replaced, so that separators, digits and signs go wrong too. */
    private static String mutate(String s, Random r) {
        if (r.nextInt(4) != 0 || s.isEmpty()) {
            return s;
        }
        char[] chars = s.toCharArray();
        String replacements = "0123456789:-+.TtZz x\u0661";
        chars[r.nextInt(chars.length)] = replacements.charAt(r.nextInt(replacements.length()));
        return new String(chars);
    }
}
