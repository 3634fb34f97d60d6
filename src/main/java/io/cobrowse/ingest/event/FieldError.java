package io.cobrowse.ingest.event;

/** One field at fault in a rejected webhook, named by its JSON Pointer (RFC 6901). */
public record FieldError(String pointer, String detail) {}
