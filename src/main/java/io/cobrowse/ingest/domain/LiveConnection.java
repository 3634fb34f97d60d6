package io.cobrowse.ingest.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One of the session's live visitor connections (a tab or an app instance), normalized; stored with the
 * session as an element of a jsonb array.
 */
public record LiveConnection(String uniqueConnectionId, String currentUrl, Instant activeSince, String status,
        ExpectedDisconnect expectedDisconnect, Boolean hasFocus, Instant lastFocusAt, Integer screenWidth,
        Integer screenHeight, Boolean audioSupported, String fullTabStatus, Boolean requireAuthorizationForSession,
        Boolean requireControlRequest, Boolean allowRemoteConsole, Boolean allowAgentRedirect,
        Boolean allowRemoteClick, Boolean allowRemoteScroll, Boolean allowRemoteType, Boolean allowFullScreen,
        Boolean allowRequestFullTab, String cobrowsingVideoEnabled, String cobrowsingVideoAudioRelationship,
        Boolean enableSessionRating, String agentPrompt, Boolean assetsProxyConfigured) {

    /** When the visitor is expected back after a disconnect, and what they were told. */
    public record ExpectedDisconnect(BigDecimal returnTimeSeconds, String message, String title, Long ts) {
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
