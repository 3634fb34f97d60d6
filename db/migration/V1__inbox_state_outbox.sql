-- Schema of cobrowse-ingest. Flyway owns it; Hibernate only validates against it.
-- Datetimes are timestamptz (UTC instants). Attributes people filter or join on have typed
-- columns; free-form ones (metadata, expectedDisconnect) are jsonb.

-- Every accepted webhook, in the transaction of its effect. The primary key is the dedupe key:
-- two concurrent deliveries of one webhook-id race on it, and the loser sees a duplicate.
CREATE TABLE inbox_event (
    webhook_id      text        PRIMARY KEY,
    event_type      text        NOT NULL,
    event_timestamp timestamptz NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    body_sha256     bytea       NOT NULL,
    -- bytea, not text or jsonb: kept byte for byte as signed; nulled when its visitor is erased
    raw_body        bytea,
    status          text        NOT NULL CHECK (status IN ('applied', 'stale', 'unhandled')),
    visitor_key     text,
    erased_at       timestamptz
);
CREATE INDEX inbox_event_visitor_key ON inbox_event (visitor_key);
CREATE INDEX inbox_event_received_at ON inbox_event (received_at);

-- Rejected (400) requests, kept so a sender's bug can be diagnosed; bounded in count and age.
CREATE TABLE rejected_request (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id  text        NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    body_sha256 bytea       NOT NULL,
    raw_body    bytea,
    errors      jsonb       NOT NULL,
    visitor_key text
);
CREATE INDEX rejected_request_received_at ON rejected_request (received_at);
CREATE INDEX rejected_request_visitor_key ON rejected_request (visitor_key);

CREATE TABLE visitor (
    short_id              text PRIMARY KEY,
    added_at              timestamptz,
    api_key               text,
    browser_name          text,
    call_name             text,
    device_name           text,
    device_type           text,
    email                 text,
    identities            text[],
    integration           text,
    ip_address            text,
    is_in_session         boolean,
    is_online             boolean,
    is_supported          boolean,
    is_waiting_for_call   boolean,
    js_configuration      boolean,
    last_seen_at          timestamptz,
    last_url              text,
    location_city         text,
    location_country_name text,
    location_country      text,
    lookup_code           text,
    name                  text,
    nickname              text,
    tags                  text[],
    unique_id             text,
    watch_link            text,
    sdk                   text,
    -- the position (envelope timestamp, webhook-id) of the event that last changed this row;
    -- an event not newer than it is stale
    position_at           timestamptz NOT NULL,
    position_rank         smallint    NOT NULL,
    position_id           text        NOT NULL,
    -- set by visitor.deleted; events not newer than erased_through stay erased
    erased_at             timestamptz,
    erased_through        timestamptz,
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visitor_unique_id ON visitor (unique_id);
CREATE INDEX visitor_email ON visitor (lower(email));
CREATE INDEX visitor_lookup_code ON visitor (lookup_code);

-- Agents appear in many sessions; the row keeps the latest snapshot seen of each.
CREATE TABLE agent (
    id             text PRIMARY KEY,
    agent_nickname text,
    name           text,
    email          text,
    external_id    text,
    on_premise     boolean,
    kind           text,
    position_at    timestamptz NOT NULL
);
CREATE INDEX agent_email ON agent (lower(email));

CREATE TABLE session (
    id                      text PRIMARY KEY,
    -- no foreign key to visitor: a session may arrive before its visitor
    visitor_id              text NOT NULL,
    call_length_seconds     integer,
    call_name               text,
    ended_at                timestamptz,
    features_used           text[],
    formatted_call_length   text,
    formatted_length        text,
    metadata                jsonb,
    visitor_agent_feedback  text,
    visitor_agent_rating    numeric,
    visitor_email           text,
    visitor_ip_address      text,
    visitor_unique_id       text,
    length_seconds          integer,
    on_premise              boolean,
    public_video_url        text,
    secret_video_url        text,
    session_authorized      boolean,
    source                  text,
    start_url               text,
    started_at              timestamptz,
    video_status            text,
    went_live               boolean,
    -- the attributes and the connections keep separate positions: session.state moves only the latter;
    -- null until an event of that kind arrived
    position_at             timestamptz,
    position_rank           smallint,
    position_id             text,
    connections_position_at   timestamptz,
    connections_position_rank smallint,
    connections_position_id   text,
    updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX session_visitor_id ON session (visitor_id);
CREATE INDEX session_started_at ON session (started_at);

CREATE TABLE session_agent (
    session_id text    NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    ordinal    integer NOT NULL,
    agent_id   text    NOT NULL REFERENCES agent (id),
    PRIMARY KEY (session_id, ordinal)
);
CREATE INDEX session_agent_agent_id ON session_agent (agent_id);

CREATE TABLE session_agent_note (
    session_id  text    NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    ordinal     integer NOT NULL,
    text        text,
    by_agent_id text,
    PRIMARY KEY (session_id, ordinal)
);

CREATE TABLE session_quality_feedback (
    session_id  text    NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    ordinal     integer NOT NULL,
    rating      numeric,
    feedback    text,
    by_agent_id text,
    PRIMARY KEY (session_id, ordinal)
);

-- The session's live connections (tabs, app instances) from the latest session.state.
CREATE TABLE session_connection (
    session_id                           text    NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    ordinal                              integer NOT NULL,
    unique_connection_id                 text    NOT NULL,
    current_url                          text,
    active_since                         timestamptz,
    status                               text,
    expected_disconnect                  jsonb,
    has_focus                            boolean,
    last_focus_at                        timestamptz,
    screen_width                         integer,
    screen_height                        integer,
    audio_supported                      boolean,
    full_tab_status                      text,
    require_authorization_for_session    boolean,
    require_control_request              boolean,
    allow_remote_console                 boolean,
    allow_agent_redirect                 boolean,
    allow_remote_click                   boolean,
    allow_remote_scroll                  boolean,
    allow_remote_type                    boolean,
    allow_full_screen                    boolean,
    allow_request_full_tab               boolean,
    cobrowsing_video_enabled             text,
    cobrowsing_video_audio_relationship  text,
    enable_session_rating                boolean,
    agent_prompt                         text,
    assets_proxy_configured              boolean,
    PRIMARY KEY (session_id, ordinal)
);

-- The transactional outbox: one row per event to publish, written with the state change.
-- Rows of one visitor are written under a per-visitor advisory lock, so their ids follow commit order.
CREATE TABLE outbox_event (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_id   text        NOT NULL,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    ce_type      text        NOT NULL,
    ce_subject   text        NOT NULL,
    ce_time      timestamptz NOT NULL,
    -- the normalized JSON as text (key order kept); null is a tombstone
    payload      text,
    visitor_key  text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;
CREATE INDEX outbox_event_visitor_key ON outbox_event (visitor_key);
