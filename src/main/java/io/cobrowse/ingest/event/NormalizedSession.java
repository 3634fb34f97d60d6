package io.cobrowse.ingest.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The outbound form of a session on the sessions topic (serialized snake_case). */
public record NormalizedSession(String id, String visitorId, List<Agent> agents, List<AgentNote> agentNotes,
        Integer callLengthSeconds, String callName, Instant endedAt, List<String> featuresUsed,
        String formattedCallLength, String formattedLength, JsonNode metadata, List<QualityFeedback> qualityFeedback,
        String visitorAgentFeedback, BigDecimal visitorAgentRating, String visitorEmail, String visitorIpAddress,
        String visitorUniqueId, Integer lengthSeconds, Boolean onPremise, String publicVideoUrl,
        String secretVideoUrl, Boolean sessionAuthorized, String source, String startUrl, Instant startedAt,
        String videoStatus, Boolean wentLive, List<Connection> connections) {

    public record Agent(String id, String kind, String agentNickname, String name, String email, String externalId,
            Boolean onPremise) {
    }

    public record AgentNote(String text, String by) {
    }

    public record QualityFeedback(BigDecimal rating, String feedback, String by) {
    }

    public record ExpectedDisconnect(BigDecimal returnTimeSeconds, String message, String title, Long ts) {
    }

    public record Connection(String uniqueConnectionId, String currentUrl, Instant activeSince, String status,
            ExpectedDisconnect expectedDisconnect, Boolean hasFocus, Instant lastFocusAt, Integer screenWidth,
            Integer screenHeight, Boolean audioSupported, String fullTabStatus,
            Boolean requireAuthorizationForSession, Boolean requireControlRequest, Boolean allowRemoteConsole,
            Boolean allowAgentRedirect, Boolean allowRemoteClick, Boolean allowRemoteScroll, Boolean allowRemoteType,
            Boolean allowFullScreen, Boolean allowRequestFullTab, String cobrowsingVideoEnabled,
            String cobrowsingVideoAudioRelationship, Boolean enableSessionRating, String agentPrompt,
            Boolean assetsProxyConfigured) {
    }
}
