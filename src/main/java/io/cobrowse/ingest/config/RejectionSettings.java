package io.cobrowse.ingest.config;

import io.smallrye.config.WithDefault;

/**
 * The in-memory buffer of refused webhook requests ({@code cobrowse.rejections}). Each replica holds its
 * refusals in memory and writes them about once a second in one statement, so a flood costs no database write
 * per request; beyond these bounds the oldest are dropped, and counted (cobrowse.rejections.dropped).
 */
public interface RejectionSettings {

    /** Refusals held between two writes, at most. */
    @WithDefault("10000")
    int bufferMaxCount();

    /**
     * Bytes held between two writes, at most, mostly the bodies of 400s; without it a burst of large invalid
     * bodies could hold up to max-body-bytes each.
     */
    @WithDefault("33554432")
    long bufferMaxBytes();
}
