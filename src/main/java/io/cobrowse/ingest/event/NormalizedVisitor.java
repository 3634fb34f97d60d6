package io.cobrowse.ingest.event;

import java.time.Instant;
import java.util.List;

/** The outbound form of a visitor on the visitors topic (serialized snake_case). */
public record NormalizedVisitor(
        Instant addedAt,
        String apiKey,
        String browserName,
        String callName,
        String deviceName,
        String deviceType,
        String email,
        List<String> identities,
        String integration,
        String ipAddress,
        Boolean isInSession,
        Boolean isOnline,
        Boolean isSupported,
        Boolean isWaitingForCall,
        Boolean jsConfiguration,
        Instant lastSeenAt,
        String lastUrl,
        String locationCity,
        String locationCountryName,
        String locationCountry,
        String lookupCode,
        String name,
        String nickname,
        String shortId,
        List<String> tags,
        String uniqueId,
        String watchLink,
        String sdk) {}
