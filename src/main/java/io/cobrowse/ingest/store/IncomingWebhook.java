package io.cobrowse.ingest.store;

import io.cobrowse.ingest.event.ParsedEvent;
import java.time.Instant;

/** An authentic, valid webhook on its way into the store. */
public record IncomingWebhook(String webhookId, ParsedEvent event, byte[] body, byte[] sha256, Instant receivedAt) {}
