package io.cobrowse.ingest.event;

/**
 * JSON Pointer (RFC 6901) segments, kept storable: PostgreSQL refuses U+0000 in text and jsonb, and UTF-8
 * has no encoding for an unpaired surrogate.
 */
final class Pointers {

    private Pointers() {}

    static String escape(String key) {
        return printable(key.replace("~", "~0").replace("/", "~1"));
    }

    /**
     * The text with U+0000 and unpaired surrogates spelled out ({@code \\u0000}, {@code \\ud800}), so an
     * error about them can itself be stored, logged and sent.
     */
    static String printable(String text) {
        if (text == null || (text.indexOf('\u0000') < 0 && !Unstorable.hasUnpairedSurrogate(text))) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 12);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\u0000' || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
