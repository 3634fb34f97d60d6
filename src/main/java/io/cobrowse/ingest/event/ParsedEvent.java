package io.cobrowse.ingest.event;

import java.time.Instant;
import java.util.Optional;

/**
 * A webhook that passed validation.
 *
 * @param type the envelope type as sent
 * @param knownType the catalog entry, empty for an unhandled type
 * @param timestamp the envelope timestamp
 * @param data the typed data
 */
public record ParsedEvent(String type, Optional<EventType> knownType, Instant timestamp, InboundData data) {}
