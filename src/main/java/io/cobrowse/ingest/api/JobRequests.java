package io.cobrowse.ingest.api;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cobrowse.ingest.event.Datetimes;
import io.cobrowse.ingest.event.EventParser;
import io.cobrowse.ingest.event.EventType;
import io.cobrowse.ingest.event.FieldError;
import io.cobrowse.ingest.jobs.ReplayRequest;
import io.cobrowse.ingest.jobs.ReprocessingRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the bodies of the job endpoints strictly, like webhooks: unknown fields, duplicate keys and wrong JSON
 * types are refused, each error naming its field. Details never repeat a value sent (it may be personal data).
 */
final class JobRequests {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JobRequests() {}

    static ReplayRequest replay(byte[] body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode root = object(body, Set.of("from", "to", "visitor_id", "types"), errors);
        Instant from = instant(root, "from", errors);
        Instant to = instant(root, "to", errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("/to", "must be later than from"));
        }
        String visitorId = visitorId(root, errors);
        List<String> types = types(root, errors);
        refuseIfAny("the replay request is not valid", errors);
        return new ReplayRequest(from, to, visitorId, types);
    }

    /** An empty body asks for every type this build knows. */
    static ReprocessingRequest reprocessing(byte[] body) {
        if (body == null || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new ReprocessingRequest(null);
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode root = object(body, Set.of("types"), errors);
        List<String> types = types(root, errors);
        refuseIfAny("the reprocessing request is not valid", errors);
        return new ReprocessingRequest(types);
    }

    private static JsonNode object(byte[] body, Set<String> fields, List<FieldError> errors) {
        JsonNode root;
        try {
            root = STRICT.readTree(body == null ? new byte[0] : body);
        } catch (IOException e) {
            throw new InvalidRequest("the body is not valid JSON", List.of(new FieldError("", "is not valid JSON")));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRequest(
                    "the body must be a JSON object", List.of(new FieldError("", "must be an object")));
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!fields.contains(name)) {
                errors.add(new FieldError("/" + name.replace("~", "~0").replace("/", "~1"), "is not a known field"));
            }
        });
        return root;
    }

    private static Instant instant(JsonNode root, String field, List<FieldError> errors) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            errors.add(new FieldError("/" + field, "is required"));
            return null;
        }
        Instant parsed = v.isTextual() ? Datetimes.parse(v.asText()) : null;
        if (parsed == null) {
            errors.add(new FieldError("/" + field, "must be an ISO 8601 datetime with an offset or Z"));
        }
        return parsed;
    }

    private static String visitorId(JsonNode root, List<FieldError> errors) {
        JsonNode v = root.get("visitor_id");
        if (v == null || v.isNull()) {
            return null;
        }
        String id = v.isTextual() ? v.asText() : null;
        if (id == null
                || id.isBlank()
                || id.length() > EventParser.MAX_KEY_LENGTH
                || id.codePoints()
                        .anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE)) {
            errors.add(new FieldError(
                    "/visitor_id",
                    "must be a visitor's short_id: a string of 1 to " + EventParser.MAX_KEY_LENGTH
                            + " characters without control characters"));
            return null;
        }
        return id;
    }

    /** The event types asked for, each once, or null when none are named (all of them). */
    private static List<String> types(JsonNode root, List<FieldError> errors) {
        JsonNode v = root.get("types");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray() || v.isEmpty()) {
            errors.add(new FieldError("/types", "must be a non-empty array of event types"));
            return null;
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode t = v.get(i);
            if (t.isTextual() && EventType.fromWire(t.asText()).isPresent()) {
                types.add(t.asText());
            } else {
                errors.add(new FieldError("/types/" + i, "is not an event type of the catalog"));
            }
        }
        return List.copyOf(types);
    }

    private static void refuseIfAny(String detail, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(detail, errors);
        }
    }
}
