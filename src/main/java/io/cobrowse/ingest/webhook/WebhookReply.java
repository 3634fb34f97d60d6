package io.cobrowse.ingest.webhook;

/** The body of a 2xx answer. */
public record WebhookReply(String id, String status) {}
