package io.cobrowse.ingest.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO 8601 datetimes with an explicit offset or {@code Z} (a datetime without one is ambiguous), in the
 * years 1 to 9999.
 */
public final class Datetimes {

    private Datetimes() {}

    /** The instant, or null when the text is not an ISO 8601 datetime with an offset, or out of range. */
    public static Instant parse(String text) {
        try {
            OffsetDateTime common = common(text);
            Instant parsed = (common != null
                            ? common
                            : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                    .toInstant();
            return inRange(parsed) ? parsed : null;
        } catch (DateTimeException e) {
            // not only unparsable text: a date at the edge of the supported years, moved to UTC by its
            // offset, leaves the range a date can hold
            return null;
        }
    }

    /** Whether the instant lies in the years 1 to 9999, which the service keeps and every consumer can hold. */
    public static boolean inRange(Instant instant) {
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        return year >= 1 && year <= 9999;
    }

    /**
     * The form every webhook's datetimes take ({@code 2026-11-24T10:05:00.123Z}, or with {@code +01:00}), read
     * directly: the general formatter costs several times as much, and each webhook has a few. Null for any other
     * form, which the formatter then reads; the same validation either way (a date or time out of range throws).
     */
    static OffsetDateTime common(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 10 && isDigit(s.charAt(i))) {
                i++;
            }
            int length = i - start;
            if (length == 0 || length > 9) {
                return null;
            }
            nanos = digits(s, start, length);
            for (int k = length; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset = offset(s, i);
        if (offset == null) {
            return null;
        }
        return OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second, nanos), offset);
    }

    /** {@code Z}, {@code +hh:mm} or {@code -hh:mm} ending the text at the index, else null. */
    private static ZoneOffset offset(String s, int i) {
        int n = s.length();
        if (i == n - 1 && s.charAt(i) == 'Z') {
            return ZoneOffset.UTC;
        }
        if (i != n - 6 || s.charAt(i + 3) != ':') {
            return null;
        }
        char sign = s.charAt(i);
        int hours = digits(s, i + 1, 2);
        int minutes = digits(s, i + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0) {
            return null;
        }
        return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
    }

    /** The ASCII digits as a number, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
