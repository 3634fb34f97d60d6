package io.cobrowse.ingest.api;

/** The answer to an operator's erasure, once committed: its id (a webhook-id, and its tombstone's ce_id). */
public record ErasureReply(String id, String status) {}
