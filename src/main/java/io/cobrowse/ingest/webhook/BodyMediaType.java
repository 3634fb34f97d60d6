package io.cobrowse.ingest.webhook;

import jakarta.ws.rs.core.MediaType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The media types the webhook endpoint reads. */
final class BodyMediaType {

    private BodyMediaType() {}

    /**
     * Why the body's media type is not one this endpoint reads, or null: application/json or a +json type, in UTF-8
     * (or US-ASCII) when a charset is given, not compressed.
     */
    static String unsupported(String contentType, String contentEncoding) {
        if (contentEncoding != null
                && !contentEncoding.isBlank()
                && !"identity".equalsIgnoreCase(contentEncoding.trim())) {
            return "the body must not be compressed (Content-Encoding)";
        }
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null
                || !"application".equalsIgnoreCase(type.getType())
                || !("json".equalsIgnoreCase(type.getSubtype())
                        || type.getSubtype().toLowerCase().endsWith("+json"))) {
            return "the body must be application/json";
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        return charset == null || readsAsUtf8(charset) ? null : "the body must be JSON in UTF-8";
    }

    /** UTF-8 by any of its names, or US-ASCII, a subset of it; not Latin-1, UTF-16 or an unknown charset. */
    private static boolean readsAsUtf8(String charset) {
        try {
            Charset named = Charset.forName(charset.trim());
            return named.equals(StandardCharsets.UTF_8) || named.equals(StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
