package io.cobrowse.ingest.event;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The first {@code "short_id": "..."} or {@code "visitor_id": "..."} in a body that does not parse as JSON. */
final class VisitorKeyPattern {

    private static final Pattern KEY = Pattern.compile(
            "\"(?:short_id|visitor_id)\"\\s*:\\s*\"([^\"\\\\]{1," + EventParser.MAX_KEY_LENGTH + "})\"");

    private VisitorKeyPattern() {}

    static String find(byte[] body) {
        Matcher m = KEY.matcher(new String(body, StandardCharsets.UTF_8));
        return m.find() && !m.group(1).isBlank() ? m.group(1) : null;
    }
}
