package io.cobrowse.ingest.event;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The inbound model: the {@code data} of each known event type as the platform sends it, already
 * type-checked. Datetimes are instants; nothing else is normalized here.
 */
public sealed interface InboundData {

    /** The visitor whose events must stay in order and whose erasure covers this event. */
    String visitorKey();

    record VisitorData(
            String shortId,
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
            List<String> tags,
            String uniqueId,
            String watchLink,
            String sdk)
            implements InboundData {
        @Override
        public String visitorKey() {
            return shortId;
        }
    }

    record VisitorDeleted(String shortId) implements InboundData {
        @Override
        public String visitorKey() {
            return shortId;
        }
    }

    record AgentData(
            String id, String agentNickname, String name, String email, String externalId, Boolean onPremise) {}

    record AgentNoteData(String text, String by) {}

    record QualityFeedbackData(BigDecimal rating, String feedback, String by) {}

    record SessionData(
            String id,
            String visitorId,
            List<AgentData> agents,
            List<AgentNoteData> agentNotes,
            Integer callLengthSeconds,
            String callName,
            Instant endedAt,
            List<String> featuresUsed,
            String formattedCallLength,
            String formattedLength,
            ObjectNode metadata,
            List<QualityFeedbackData> qualityFeedback,
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
            Boolean wentLive)
            implements InboundData {
        @Override
        public String visitorKey() {
            return visitorId;
        }
    }

    /** Read by name ({@link RecordReader}): each component is a field of the platform's connection object. */
    record ExpectedDisconnectData(BigDecimal returnTimeSeconds, String message, String title, Long ts) {}

    /**
     * A live visitor connection as the platform sends it (camelCase names); read by name
     * ({@link RecordReader}), mapped to its outbound form by {@link NormalizedSession.Connection#from}.
     */
    record ConnectionData(
            @RecordReader.Required String uniqueConnectionId,
            String currentUrl,
            Instant activeSince,
            String status,
            ExpectedDisconnectData expectedDisconnect,
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
            Boolean assetsProxyConfigured) {}

    record SessionStateData(String sessionId, String visitorId, List<ConnectionData> connections)
            implements InboundData {
        @Override
        public String visitorKey() {
            return visitorId;
        }
    }

    /** An event type outside the catalog: kept in the inbox, nothing else. */
    record UnhandledData(String visitorKey) implements InboundData {}
}
