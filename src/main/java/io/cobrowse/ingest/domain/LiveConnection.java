package io.cobrowse.ingest.domain;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One of the session's live visitor connections (a tab or an app instance), normalized; stored with the
 * session as an element of a jsonb array.
 *
 * @param expectedDisconnect the normalized (snake_case) object, or null
 */
public record LiveConnection(String uniqueConnectionId, String currentUrl, Instant activeSince, String status,
        JsonNode expectedDisconnect, Boolean hasFocus, Instant lastFocusAt, Integer screenWidth,
        Integer screenHeight, Boolean audioSupported, String fullTabStatus, Boolean requireAuthorizationForSession,
        Boolean requireControlRequest, Boolean allowRemoteConsole, Boolean allowAgentRedirect,
        Boolean allowRemoteClick, Boolean allowRemoteScroll, Boolean allowRemoteType, Boolean allowFullScreen,
        Boolean allowRequestFullTab, String cobrowsingVideoEnabled, String cobrowsingVideoAudioRelationship,
        Boolean enableSessionRating, String agentPrompt, Boolean assetsProxyConfigured) {

    public LiveConnection {
        // JSON null reads back as a null node: one form, so that a stored connection equals what was written
        if (expectedDisconnect != null && expectedDisconnect.isNull()) {
            expectedDisconnect = null;
        }
    }

    /** The same connection without the page the visitor was on (personal data). */
    public LiveConnection withoutCurrentUrl() {
        return new LiveConnection(uniqueConnectionId, null, activeSince, status, expectedDisconnect, hasFocus,
                lastFocusAt, screenWidth, screenHeight, audioSupported, fullTabStatus, requireAuthorizationForSession,
                requireControlRequest, allowRemoteConsole, allowAgentRedirect, allowRemoteClick, allowRemoteScroll,
                allowRemoteType, allowFullScreen, allowRequestFullTab, cobrowsingVideoEnabled,
                cobrowsingVideoAudioRelationship, enableSessionRating, agentPrompt, assetsProxyConfigured);
    }
}
