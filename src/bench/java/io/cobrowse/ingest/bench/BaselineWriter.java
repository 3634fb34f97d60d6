package io.cobrowse.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The baseline: the least SQL the contract requires per event, over one JDBC connection, one
 * transaction per event: inbox insert (duplicates stop there), the visitor or session row upserted,
 * an outbox row with a payload of the body's size, commit. What the service achieves beyond or
 * below this is what its own design costs or saves.
 */
final class BaselineWriter implements EventSink {

    private static final List<String> VISITOR_TEXT =
            List.of("api_key", "browser_name", "call_name", "device_name", "device_type", "email");
    private static final List<String> VISITOR_FLAGS =
            List.of("is_in_session", "is_online", "is_supported", "is_waiting_for_call", "js_configuration");
    private static final List<String> VISITOR_MORE_TEXT = List.of(
            "last_url",
            "location_city",
            "location_country_name",
            "location_country",
            "lookup_code",
            "name",
            "nickname");
    private static final List<String> VISITOR_COLUMNS = columns(
            "short_id",
            "added_at",
            VISITOR_TEXT,
            "identities",
            "integration",
            "ip_address",
            VISITOR_FLAGS,
            "last_seen_at",
            VISITOR_MORE_TEXT,
            "tags",
            "unique_id",
            "watch_link",
            "sdk",
            "position_at",
            "position_rank",
            "position_id",
            "updated_at");
    private static final List<String> SESSION_COLUMNS = List.of(
            "id",
            "visitor_id",
            "call_length_seconds",
            "call_name",
            "ended_at",
            "features_used",
            "formatted_call_length",
            "formatted_length",
            "metadata",
            "agent_notes",
            "quality_feedback",
            "visitor_agent_feedback",
            "visitor_agent_rating",
            "visitor_email",
            "visitor_ip_address",
            "visitor_unique_id",
            "length_seconds",
            "on_premise",
            "public_video_url",
            "secret_video_url",
            "session_authorized",
            "source",
            "start_url",
            "started_at",
            "video_status",
            "went_live",
            "position_at",
            "position_rank",
            "position_id",
            "updated_at");
    private static final List<String> STATE_COLUMNS = List.of(
            "id",
            "visitor_id",
            "connections",
            "connections_position_at",
            "connections_position_rank",
            "connections_position_id",
            "updated_at");

    private static final Set<String> JSON_COLUMNS =
            Set.of("metadata", "agent_notes", "quality_feedback", "connections");

    /** How its connections show in pg_stat_activity. */
    static final String APPLICATION_NAME = "cobrowse-bench-baseline";

    private final Connection connection;
    private final PreparedStatement inbox;
    private final PreparedStatement visitor;
    private final PreparedStatement session;
    private final PreparedStatement sessionState;
    private final PreparedStatement outbox;
    private final MessageDigest sha256;
    private final boolean withOutbox;

    BaselineWriter(String jdbcUrl, String user, String password) throws SQLException {
        this(jdbcUrl, user, password, true);
    }

    /**
     * @param withOutbox whether each event also gets its outbox row; the dual-write receiver
     *     ({@link DualWriteReceiver}) sends to Kafka itself instead
     */
    BaselineWriter(String jdbcUrl, String user, String password, boolean withOutbox) throws SQLException {
        this.withOutbox = withOutbox;
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        p.setProperty("ApplicationName", APPLICATION_NAME);
        connection = DriverManager.getConnection(jdbcUrl, p);
        connection.setAutoCommit(false);
        inbox = connection.prepareStatement("""
                INSERT INTO inbox_event (webhook_id, event_type, event_timestamp, received_at, body_sha256, raw_body,
                                         status, visitor_key)
                VALUES (?, ?, ?, ?, ?, ?, 'applied', ?)
                ON CONFLICT (webhook_id) DO NOTHING""");
        visitor = connection.prepareStatement(upsert("visitor", "short_id", VISITOR_COLUMNS, "position_at"));
        session = connection.prepareStatement(upsert("session", "id", SESSION_COLUMNS, "position_at"));
        sessionState = connection.prepareStatement(upsert("session", "id", STATE_COLUMNS, "connections_position_at"));
        outbox = connection.prepareStatement("""
                INSERT INTO outbox_event (webhook_id, topic, message_key, ce_type, ce_subject, ce_time, payload,
                                          visitor_key, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""");
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int deliver(GeneratedEvent e) throws SQLException {
        OffsetDateTime at = utc(e.timestamp());
        OffsetDateTime now = utc(Instant.now());
        try {
            inbox.setString(1, e.webhookId());
            inbox.setString(2, e.type());
            inbox.setObject(3, at);
            inbox.setObject(4, now);
            inbox.setBytes(5, sha256.digest(e.body()));
            inbox.setBytes(6, e.body());
            inbox.setString(7, e.visitorId());
            if (inbox.executeUpdate() == 0) {
                connection.commit();
                return DUPLICATE;
            }
            if (e.isVisitorEvent()) {
                bindVisitor(e, at, now).executeUpdate();
            } else if (e.type().equals("session.state")) {
                bindSessionState(e, at, now).executeUpdate();
            } else {
                bindSession(e, at, now).executeUpdate();
            }
            if (!withOutbox) {
                connection.commit();
                return ACCEPTED;
            }
            outbox.setString(1, e.webhookId());
            outbox.setString(2, e.isVisitorEvent() ? "cobrowse.visitors.v1" : "cobrowse.sessions.v1");
            outbox.setString(3, e.visitorId());
            outbox.setString(4, "cobrowse." + e.type());
            outbox.setString(5, e.isVisitorEvent() ? e.visitorId() : e.sessionId());
            outbox.setObject(6, at);
            outbox.setString(7, new String(e.body(), StandardCharsets.UTF_8));
            outbox.setString(8, e.visitorId());
            outbox.setObject(9, now);
            outbox.executeUpdate();
            connection.commit();
            return ACCEPTED;
        } catch (SQLException failed) {
            connection.rollback();
            throw failed;
        }
    }

    private PreparedStatement bindVisitor(GeneratedEvent e, OffsetDateTime at, OffsetDateTime now) throws SQLException {
        ObjectNode d = e.data();
        int i = 1;
        visitor.setString(i++, e.visitorId());
        visitor.setObject(i++, time(d, "added_at"));
        for (String c : VISITOR_TEXT) {
            visitor.setString(i++, text(d, c));
        }
        visitor.setArray(i++, textArray(d, "identities"));
        visitor.setString(i++, text(d, "integration"));
        visitor.setString(i++, text(d, "ip_address"));
        for (String c : VISITOR_FLAGS) {
            visitor.setObject(i++, flag(d, c), Types.BOOLEAN);
        }
        visitor.setObject(i++, time(d, "last_seen_at"));
        for (String c : VISITOR_MORE_TEXT) {
            visitor.setString(i++, text(d, c));
        }
        visitor.setArray(i++, textArray(d, "tags"));
        visitor.setString(i++, text(d, "unique_id"));
        visitor.setString(i++, text(d, "watch_link"));
        visitor.setString(i++, text(d, "sdk"));
        bindPosition(visitor, i, e, at, now);
        return visitor;
    }

    private PreparedStatement bindSession(GeneratedEvent e, OffsetDateTime at, OffsetDateTime now) throws SQLException {
        ObjectNode d = e.data();
        int i = 1;
        session.setString(i++, e.sessionId());
        session.setString(i++, e.visitorId());
        session.setObject(i++, integer(d, "call_length_seconds"), Types.INTEGER);
        session.setString(i++, text(d, "call_name"));
        session.setObject(i++, time(d, "ended_at"));
        session.setArray(i++, textArray(d, "features_used"));
        session.setString(i++, text(d, "formatted_call_length"));
        session.setString(i++, text(d, "formatted_length"));
        session.setString(i++, d.hasNonNull("metadata") ? d.get("metadata").toString() : null);
        session.setString(i++, jsonArray(d, "agent_notes"));
        session.setString(i++, jsonArray(d, "quality_feedback"));
        session.setString(i++, text(d, "visitor_agent_feedback"));
        session.setObject(
                i++,
                d.hasNonNull("visitor_agent_rating")
                        ? d.get("visitor_agent_rating").decimalValue()
                        : null,
                Types.NUMERIC);
        session.setString(i++, text(d, "visitor_email"));
        session.setString(i++, text(d, "visitor_ip_address"));
        session.setString(i++, text(d, "visitor_unique_id"));
        session.setObject(i++, integer(d, "length_seconds"), Types.INTEGER);
        session.setObject(i++, flag(d, "on_premise"), Types.BOOLEAN);
        session.setString(i++, text(d, "public_video_url"));
        session.setString(i++, text(d, "secret_video_url"));
        session.setObject(i++, flag(d, "session_authorized"), Types.BOOLEAN);
        session.setString(i++, text(d, "source"));
        session.setString(i++, text(d, "start_url"));
        session.setObject(i++, time(d, "started_at"));
        session.setString(i++, text(d, "video_status"));
        session.setObject(i++, flag(d, "went_live"), Types.BOOLEAN);
        bindPosition(session, i, e, at, now);
        return session;
    }

    private PreparedStatement bindSessionState(GeneratedEvent e, OffsetDateTime at, OffsetDateTime now)
            throws SQLException {
        sessionState.setString(1, e.sessionId());
        sessionState.setString(2, e.visitorId());
        sessionState.setString(3, jsonArray(e.data(), "connections"));
        bindPosition(sessionState, 4, e, at, now);
        return sessionState;
    }

    private static void bindPosition(
            PreparedStatement ps, int i, GeneratedEvent e, OffsetDateTime at, OffsetDateTime now) throws SQLException {
        ps.setObject(i, at);
        ps.setShort(i + 1, (short)
                (e.type().equals("session.updated") ? 1 : e.type().equals("session.ended") ? 2 : 0));
        ps.setString(i + 2, e.webhookId());
        ps.setObject(i + 3, now);
    }

    /** INSERT ... ON CONFLICT DO UPDATE of every column, unless the stored row is newer (stale events). */
    private static String upsert(String table, String key, List<String> columns, String positionColumn) {
        String names = String.join(", ", columns);
        String params = columns.stream()
                .map(c -> JSON_COLUMNS.contains(c) ? "?::jsonb" : "?")
                .collect(Collectors.joining(", "));
        String updates = columns.stream()
                .filter(c -> !c.equals(key))
                .map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " AS t (" + names + ") VALUES (" + params + ") ON CONFLICT (" + key
                + ") DO UPDATE SET " + updates + " WHERE t." + positionColumn + " IS NULL OR t." + positionColumn
                + " < EXCLUDED." + positionColumn;
    }

    /** The session's list as sent (the service stores it normalized, in the same column). */
    private static String jsonArray(ObjectNode d, String field) {
        return d.hasNonNull(field) ? d.get(field).toString() : "[]";
    }

    private static List<String> columns(Object... parts) {
        List<String> all = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> list) {
                list.forEach(c -> all.add((String) c));
            } else {
                all.add((String) p);
            }
        }
        return List.copyOf(all);
    }

    private Array textArray(JsonNode d, String field) throws SQLException {
        JsonNode node = d.get(field);
        if (node == null || !node.isArray()) {
            return null;
        }
        String[] values = new String[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node.get(i).asText();
        }
        return connection.createArrayOf("text", values);
    }

    private static String text(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Boolean flag(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || n.isNull() ? null : n.asBoolean();
    }

    private static Integer integer(JsonNode d, String field) {
        JsonNode n = d.get(field);
        return n == null || n.isNull() ? null : n.asInt();
    }

    private static OffsetDateTime time(JsonNode d, String field) {
        String s = text(d, field);
        return s == null ? null : OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
