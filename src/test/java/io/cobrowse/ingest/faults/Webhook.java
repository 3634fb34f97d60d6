package io.cobrowse.ingest.faults;

/**
 * One webhook as the platform sends it: the same id and the same bytes on every retry.
 *
 * @param topic where its record must appear
 */
record Webhook(String id, String visitorId, String topic, byte[] body) {}
