package io.cobrowse.ingest.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cobrowse.ingest.event.InboundData.AgentData;
import io.cobrowse.ingest.event.InboundData.AgentNoteData;
import io.cobrowse.ingest.event.InboundData.ConnectionData;
import io.cobrowse.ingest.event.InboundData.QualityFeedbackData;
import io.cobrowse.ingest.event.InboundData.SessionData;
import io.cobrowse.ingest.event.InboundData.SessionStateData;
import io.cobrowse.ingest.event.InboundData.UnhandledData;
import io.cobrowse.ingest.event.InboundData.VisitorData;
import io.cobrowse.ingest.event.InboundData.VisitorDeleted;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses and validates a webhook body strictly (duplicate keys and wrong JSON types are errors) into
 * the typed inbound model. A pure function of the bytes: the same body always gives the same answer.
 */
public final class EventParser {

    /** The longest identifier or indexed value accepted (4 bytes a character stays under btree's limit). */
    public static final int MAX_KEY_LENGTH = 512;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Reads a rejected body once more, leniently, for its visitor; thread-safe once configured. */
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private EventParser() {}

    /** Either a parsed event or the fields at fault, never both. */
    public record Result(ParsedEvent event, List<FieldError> errors) {
        public boolean valid() {
            return event != null;
        }
    }

    public static Result parse(byte[] body) {
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (StreamReadException e) {
            return invalid(pointer(e), "is not valid JSON: " + JsonErrorText.of(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            return invalid("", "is not valid JSON: " + JsonErrorText.of(e.getOriginalMessage()));
        } catch (IOException e) {
            return invalid("", "is not valid JSON");
        } catch (NumberFormatException | ArithmeticException e) {
            // an exponent beyond what a decimal can hold (1e99999999999) fails the number's conversion, not the syntax
            return invalid("", "is not valid JSON: a number's exponent is out of range");
        }
        if (root == null || !root.isObject()) {
            return invalid("", "must be a JSON object");
        }
        List<FieldError> errors = new ArrayList<>();
        Unstorable.find(root, "", errors);
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        FieldReader envelope = new FieldReader(root, "", errors);
        String type = envelope.requiredString("type");
        Instant timestamp = envelope.datetime("timestamp");
        if (timestamp == null && errors.stream().noneMatch(e -> e.pointer().equals("/timestamp"))) {
            errors.add(new FieldError("/timestamp", "is required"));
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            errors.add(new FieldError("/data", "is required"));
        } else if (!data.isObject()) {
            errors.add(new FieldError("/data", "must be an object"));
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        Optional<EventType> known = EventType.fromWire(type);
        FieldReader reader = new FieldReader(data, "/data", errors);
        InboundData parsed = known.map(t -> readData(t, reader)).orElseGet(() -> unhandled(data));
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new ParsedEvent(type, known, timestamp, parsed), List.of());
    }

    /**
     * The visitor a rejected body seems to be about, read leniently, so that erasing the visitor
     * also removes their rejected requests; null when it cannot be told. A body that is not JSON at all
     * is searched for the first short_id or visitor_id that looks like one.
     */
    public static String visitorKeyHint(byte[] body) {
        String key;
        try {
            JsonNode data = LENIENT.readTree(body).get("data");
            key = data != null && data.isObject() ? unhandled(data).visitorKey() : null;
        } catch (IOException | RuntimeException e) {
            key = VisitorKeyPattern.find(body);
        }
        return key == null || key.indexOf('\u0000') >= 0 || Unstorable.hasUnpairedSurrogate(key) ? null : key;
    }

    /**
     * A duplicate key is named by its pointer, and a key the parser cannot read (an unpaired surrogate) by
     * the object that holds it; other syntax errors concern the whole body.
     */
    private static String pointer(StreamReadException e) {
        JsonParser parser = e.getProcessor();
        JsonStreamContext context = parser == null ? null : parser.getParsingContext();
        String message = String.valueOf(e.getOriginalMessage());
        if (context == null) {
            return "";
        }
        if (message.startsWith("Duplicate field")) {
            return Pointers.printable(context.pathAsPointer().toString());
        }
        if (message.contains("in field name") && context.inObject()) {
            // past the object's first key the context names the key before the unreadable one
            JsonStreamContext object = context.getCurrentName() == null ? context : context.getParent();
            return object == null
                    ? ""
                    : Pointers.printable(object.pathAsPointer().toString());
        }
        return "";
    }

    private static Result invalid(String pointer, String detail) {
        return new Result(null, List.of(new FieldError(pointer, detail)));
    }

    private static InboundData readData(EventType type, FieldReader r) {
        if (type.isVisitorSnapshot()) {
            return readVisitor(r);
        }
        if (type.isSessionSnapshot()) {
            return readSession(r);
        }
        return switch (type) {
            case VISITOR_DELETED -> new VisitorDeleted(r.requiredId("short_id"));
            case SESSION_STATE ->
                new SessionStateData(
                        r.requiredId("session_id"),
                        r.requiredId("visitor_id"),
                        r.list("connections", true, c -> RecordReader.read(c, ConnectionData.class)));
            default -> throw new IllegalStateException("unmapped event type " + type);
        };
    }

    private static UnhandledData unhandled(JsonNode data) {
        for (String key : List.of("short_id", "visitor_id")) {
            JsonNode v = data.get(key);
            if (v != null
                    && v.isTextual()
                    && !v.asText().isBlank()
                    && v.asText().length() <= MAX_KEY_LENGTH) {
                return new UnhandledData(v.asText());
            }
        }
        return new UnhandledData(null);
    }

    private static VisitorData readVisitor(FieldReader r) {
        return new VisitorData(
                r.requiredId("short_id"),
                r.datetime("added_at"),
                r.string("api_key"),
                r.string("browser_name"),
                r.string("call_name"),
                r.string("device_name"),
                r.string("device_type"),
                r.indexed("email"),
                r.stringList("identities"),
                r.string("integration"),
                r.string("ip_address"),
                r.bool("is_in_session"),
                r.bool("is_online"),
                r.bool("is_supported"),
                r.bool("is_waiting_for_call"),
                r.bool("js_configuration"),
                r.datetime("last_seen_at"),
                r.string("last_url"),
                r.string("location_city"),
                r.string("location_country_name"),
                r.string("location_country"),
                r.indexed("lookup_code"),
                r.string("name"),
                r.string("nickname"),
                r.stringList("tags"),
                r.indexed("unique_id"),
                r.string("watch_link"),
                r.string("sdk"));
    }

    private static SessionData readSession(FieldReader r) {
        return new SessionData(
                r.requiredId("id"),
                r.requiredId("visitor_id"),
                r.list("agents", false, EventParser::readAgent),
                r.list("agent_notes", false, n -> new AgentNoteData(n.string("text"), n.string("by"))),
                r.integer("call_length_seconds"),
                r.string("call_name"),
                r.datetime("ended_at"),
                r.stringList("features_used"),
                r.string("formatted_call_length"),
                r.string("formatted_length"),
                r.object("metadata"),
                r.list(
                        "quality_feedback",
                        false,
                        f -> new QualityFeedbackData(f.decimal("rating"), f.string("feedback"), f.string("by"))),
                r.string("visitor_agent_feedback"),
                r.decimal("visitor_agent_rating"),
                r.string("visitor_email"),
                r.string("visitor_ip_address"),
                r.string("visitor_unique_id"),
                r.integer("length_seconds"),
                r.bool("on_premise"),
                r.string("public_video_url"),
                r.string("secret_video_url"),
                r.bool("session_authorized"),
                r.string("source"),
                r.string("start_url"),
                r.datetime("started_at"),
                r.string("video_status"),
                r.bool("went_live"));
    }

    private static AgentData readAgent(FieldReader a) {
        return new AgentData(
                a.requiredId("id"),
                a.string("agent_nickname"),
                a.string("name"),
                a.indexed("email"),
                a.string("external_id"),
                a.bool("on_premise"));
    }
}
