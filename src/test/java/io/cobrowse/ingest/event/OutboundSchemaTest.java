package io.cobrowse.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.cobrowse.ingest.domain.NormalizedFormGoldenTest;
import java.io.InputStream;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The consumer-facing JSON Schemas accept what the service writes and refuse what it must not. */
class OutboundSchemaTest {

    static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    // draft 2020-12 treats format as an annotation unless asked to assert it
    static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    /**
     * The published schemas leave their objects open, so that a field added within v1 breaks no consumer that
     * validates; the service is held to exactly the fields they describe by these copies, with every object closed.
     */
    static final JsonSchema VISITOR = closed("visitor.v1.schema.json");

    static final JsonSchema SESSION = closed("session.v1.schema.json");

    static JsonSchema closed(String file) {
        JsonNode doc = schemaDocument(file).deepCopy();
        close(doc);
        return FACTORY.getSchema(doc, CONFIG);
    }

    /** additionalProperties false on every object schema that lists its properties. */
    private static void close(JsonNode node) {
        if (node instanceof ObjectNode o && o.has("properties") && !o.has("additionalProperties")) {
            o.put("additionalProperties", false);
        }
        if (node.isContainerNode()) {
            node.forEach(OutboundSchemaTest::close);
        }
    }

    static JsonSchema schema(String file) {
        try (InputStream in = OutboundSchemaTest.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no schema " + file);
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static JsonSchema schemaFor(String sample) {
        return sample.startsWith("visitor.") ? VISITOR : SESSION;
    }

    static JsonNode schemaDocument(String file) {
        return NormalizedFormGoldenTest.json(NormalizedFormGoldenTest.resource("/schemas/" + file));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"visitor.v1.schema.json", "session.v1.schema.json"})
    void schemaIsAValidDraft202012Schema(String file) {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        assertThat(meta.validate(schemaDocument(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"visitor.v1.schema.json", "session.v1.schema.json"})
    void schemaRequiresEveryPropertyItDescribes(String file) {
        JsonNode doc = schemaDocument(file);
        Set<String> required = new java.util.HashSet<>();
        doc.get("required").forEach(n -> required.add(n.asText()));
        Set<String> described = new java.util.HashSet<>();
        doc.get("properties").fieldNames().forEachRemaining(described::add);
        assertThat(required).isEqualTo(described);
    }

    /** The evolution policy: a minor version may add fields, and the published schemas accept them. */
    @ParameterizedTest(name = "golden {0}")
    @ValueSource(strings = {"visitor.updated", "session.ended", "session.state"})
    void publishedSchemaAcceptsFieldsAddedWithinTheVersion(String sample) {
        ObjectNode value = (ObjectNode) NormalizedFormGoldenTest.golden(sample).deepCopy();
        value.put("added_in_a_minor_version", "x");
        String file = sample.startsWith("visitor.") ? "visitor.v1.schema.json" : "session.v1.schema.json";

        assertThat(schema(file).validate(value)).isEmpty();
        assertThat(schemaFor(sample).validate(value))
                .as("the service's own check stays closed")
                .isNotEmpty();
    }

    @ParameterizedTest(name = "golden {0}")
    @ValueSource(strings = {"visitor.updated", "visitor.deleted", "session.started", "session.ended", "session.state"})
    void goldenFileIsValidAgainstItsSchema(String sample) {
        assertThat(schemaFor(sample).validate(NormalizedFormGoldenTest.golden(sample)))
                .isEmpty();
    }

    @ParameterizedTest(name = "mapped {0}")
    @ValueSource(strings = {"visitor.updated", "visitor.deleted", "session.started", "session.ended", "session.state"})
    void mappedSampleIsValidAgainstItsSchema(String sample) {
        assertThat(schemaFor(sample).validate(NormalizedFormGoldenTest.normalizedJson(sample)))
                .isEmpty();
    }

    static Stream<Arguments> visitorViolations() {
        return Stream.<Arguments>of(
                violation("nickname missing", v -> v.remove("nickname")),
                violation("short_id null", v -> v.putNull("short_id")),
                violation("device_type outside the enumeration", v -> v.put("device_type", "phone")),
                violation("device_type not lower-cased", v -> v.put("device_type", "Mobile")),
                violation("sdk outside the enumeration", v -> v.put("sdk", "windows")),
                violation("added_at with an offset", v -> v.put("added_at", "2026-11-20T09:12:03+01:00")),
                violation("last_seen_at not a datetime", v -> v.put("last_seen_at", "yesterday Z")),
                violation("identities null", v -> v.putNull("identities")),
                violation("tags holding a number", v -> ((ArrayNode) v.get("tags")).add(5)),
                violation("is_online as a string", v -> v.put("is_online", "true")),
                violation("an extra field", v -> v.put("erased_at", "2026-11-25T12:00:00Z")),
                violation("a camelCase field", v -> v.set("shortId", v.remove("short_id"))));
    }

    static Arguments violation(String description, Consumer<ObjectNode> change) {
        return Arguments.of(description, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("visitorViolations")
    void visitorSchemaRejects(String description, Consumer<ObjectNode> change) {
        ObjectNode visitor = (ObjectNode) NormalizedFormGoldenTest.golden("visitor.updated");
        assertThat(VISITOR.validate(visitor)).isEmpty();
        change.accept(visitor);
        assertThat(VISITOR.validate(visitor)).isNotEmpty();
    }

    static ObjectNode firstConnection(ObjectNode session) {
        return (ObjectNode) session.get("connections").get(0);
    }

    static ObjectNode firstAgent(ObjectNode session) {
        return (ObjectNode) session.get("agents").get(0);
    }

    static Stream<Arguments> sessionViolations() {
        return Stream.<Arguments>of(
                violation("connections missing", s -> s.remove("connections")),
                violation("video_status outside the enumeration", s -> s.put("video_status", "played")),
                violation("source not lower-cased", s -> s.put("source", "Lookup Code")),
                violation("started_at without an offset", s -> s.put("started_at", "2026-11-24T09:10:00")),
                violation("call_length_seconds fractional", s -> s.put("call_length_seconds", 1.5)),
                violation("metadata as a string", s -> s.put("metadata", "ticket=1")),
                violation("an extra field", s -> s.put("position", 1)),
                violation(
                        "agent kind outside the enumeration", s -> firstAgent(s).put("kind", "bot")),
                violation("agent without kind", s -> firstAgent(s).remove("kind")),
                violation("connection field in camelCase", s -> firstConnection(s)
                        .set("uniqueConnectionId", firstConnection(s).remove("unique_connection_id"))),
                violation("connection status outside the enumeration", s -> firstConnection(s)
                        .put("status", "gone")),
                violation("expected_disconnect with camelCase keys", s -> firstConnection(s)
                        .set(
                                "expected_disconnect",
                                NormalizedFormGoldenTest.json(
                                        "{\"returnTimeSeconds\": 30, \"message\": null, \"title\": null, \"ts\": 1}"
                                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessionViolations")
    void sessionSchemaRejects(String description, Consumer<ObjectNode> change) {
        ObjectNode session = (ObjectNode) NormalizedFormGoldenTest.golden("session.ended");
        session.set(
                "connections", NormalizedFormGoldenTest.golden("session.state").get("connections"));
        assertThat(SESSION.validate(session)).isEmpty();
        change.accept(session);
        Set<ValidationMessage> errors = SESSION.validate(session);
        assertThat(errors).isNotEmpty();
    }

    @Test
    void metadataIsFreeForm() {
        ObjectNode session = (ObjectNode) NormalizedFormGoldenTest.golden("session.started");
        session.set(
                "metadata",
                NormalizedFormGoldenTest.json("{\"camelCase\": [1, {\"x\": null}], \"visitor_plan\": true, \"\": 2.5}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(SESSION.validate(session)).isEmpty();
    }
}
