package io.cobrowse.ingest.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.hibernate.annotations.ColumnTransformer;

/** One of the session's live visitor connections (a tab or an app instance), normalized. */
@Embeddable
public class LiveConnection {

    @Column(nullable = false)
    public String uniqueConnectionId;
    public String currentUrl;
    public Instant activeSince;
    public String status;
    /** The normalized (snake_case) JSON object, or null. */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String expectedDisconnect;
    public Boolean hasFocus;
    public Instant lastFocusAt;
    public Integer screenWidth;
    public Integer screenHeight;
    public Boolean audioSupported;
    public String fullTabStatus;
    public Boolean requireAuthorizationForSession;
    public Boolean requireControlRequest;
    public Boolean allowRemoteConsole;
    public Boolean allowAgentRedirect;
    public Boolean allowRemoteClick;
    public Boolean allowRemoteScroll;
    public Boolean allowRemoteType;
    public Boolean allowFullScreen;
    public Boolean allowRequestFullTab;
    public String cobrowsingVideoEnabled;
    public String cobrowsingVideoAudioRelationship;
    public Boolean enableSessionRating;
    public String agentPrompt;
    public Boolean assetsProxyConfigured;
}
