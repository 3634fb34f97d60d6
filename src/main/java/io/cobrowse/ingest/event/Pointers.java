package io.cobrowse.ingest.event;

/** JSON Pointer (RFC 6901) segments, kept storable: PostgreSQL refuses U+0000 in text and jsonb. */
final class Pointers {

    private Pointers() {}

    static String escape(String key) {
        return printable(key.replace("~", "~0").replace("/", "~1"));
    }

    /** The text with U+0000 spelled out, so an error about it can itself be stored and logged. */
    static String printable(String text) {
        return text == null ? null : text.replace("\u0000", "\\u0000");
    }
}
