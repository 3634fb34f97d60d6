package io.cobrowse.ingest.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The outbound form of a session on the sessions topic (serialized snake_case). */
public record NormalizedSession(
        String id,
        String visitorId,
        List<Agent> agents,
        List<AgentNote> agentNotes,
        Integer callLengthSeconds,
        String callName,
        Instant endedAt,
        List<String> featuresUsed,
        String formattedCallLength,
        String formattedLength,
        JsonNode metadata,
        List<QualityFeedback> qualityFeedback,
        String visitorAgentFeedback,
        BigDecimal visitorAgentRating,
        String visitorEmail,
        String visitorIpAddress,
        String visitorUniqueId,
        Integer lengthSeconds,
        Boolean onPremise,
        String publicVideoUrl,
        String secretVideoUrl,
        Boolean sessionAuthorized,
        String source,
        String startUrl,
        Instant startedAt,
        String videoStatus,
        Boolean wentLive,
        List<Connection> connections) {

    public record Agent(
            String id,
            String kind,
            String agentNickname,
            String name,
            String email,
            String externalId,
            Boolean onPremise) {}

    public record AgentNote(String text, String by) {}

    public record QualityFeedback(BigDecimal rating, String feedback, String by) {}

    /** When the visitor is expected back after a disconnect, and what they were told. */
    public record ExpectedDisconnect(BigDecimal returnTimeSeconds, String message, String title, Long ts) {}

    /**
     * One of the session's live visitor connections (a tab or an app instance), as the sessions topic shows
     * it and as the session's row stores it (an element of a jsonb array). Its enumerations are normalized
     * whenever one is made, so no connection holds a value outside them.
     */
    public record Connection(
            String uniqueConnectionId,
            String currentUrl,
            Instant activeSince,
            String status,
            ExpectedDisconnect expectedDisconnect,
            Boolean hasFocus,
            Instant lastFocusAt,
            Integer screenWidth,
            Integer screenHeight,
            Boolean audioSupported,
            String fullTabStatus,
            Boolean requireAuthorizationForSession,
            Boolean requireControlRequest,
            Boolean allowRemoteConsole,
            Boolean allowAgentRedirect,
            Boolean allowRemoteClick,
            Boolean allowRemoteScroll,
            Boolean allowRemoteType,
            Boolean allowFullScreen,
            Boolean allowRequestFullTab,
            String cobrowsingVideoEnabled,
            String cobrowsingVideoAudioRelationship,
            Boolean enableSessionRating,
            String agentPrompt,
            Boolean assetsProxyConfigured) {

        public Connection {
            status = Normalization.enumeration(status, Normalization.CONNECTION_STATUSES);
            fullTabStatus = Normalization.enumeration(fullTabStatus, Normalization.FULL_TAB_STATUSES);
            cobrowsingVideoEnabled = Normalization.enumeration(cobrowsingVideoEnabled, Normalization.VIDEO_MODES);
            cobrowsingVideoAudioRelationship =
                    Normalization.enumeration(cobrowsingVideoAudioRelationship, Normalization.AUDIO_RELATIONSHIPS);
        }

        /** The inbound connection, field by field by name (its expected disconnect likewise). */
        public static Connection from(InboundData.ConnectionData inbound) {
            return OutboundJson.MAPPER.convertValue(inbound, Connection.class);
        }

        /** The same connection without the page the visitor was on (personal data). */
        public Connection withoutCurrentUrl() {
            ObjectNode fields = OutboundJson.MAPPER.valueToTree(this);
            fields.putNull("current_url");
            return OutboundJson.MAPPER.convertValue(fields, Connection.class);
        }
    }
}
