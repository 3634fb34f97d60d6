package io.cobrowse.ingest.event;

import java.util.regex.Pattern;

/** A JSON parser's message as a sender reads it in a 400: what is wrong, without the parser's hints to its users. */
final class JsonErrorText {

    /** ", from `…`", " (bound as `…`)", ": not allowed as per `…`", ": enable `…` to allow": settings and classes. */
    private static final Pattern HINT = Pattern.compile(
            ",? from `[^`]*`|\\s*\\(bound as `[^`]*`\\)|: not allowed as per `[^`]*`|: enable `[^`]*` to allow");

    private JsonErrorText() {}

    static String of(String message) {
        return Pointers.printable(HINT.matcher(String.valueOf(message)).replaceAll(""));
    }
}
