package io.cobrowse.ingest.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The AsyncAPI document of the topics (src/main/resources/asyncapi.yaml), as the tests check it. */
public final class AsyncApi {

    private static final JsonNode DOCUMENT = read();
    /** Compiled once per message: KafkaPublishTest checks every record it reads. */
    private static final Map<String, JsonSchema> HEADERS = new ConcurrentHashMap<>();

    private AsyncApi() {}

    public static JsonNode document() {
        return DOCUMENT;
    }

    /** A message of components/messages, by name. */
    public static JsonNode message(String name) {
        return DOCUMENT.at("/components/messages/" + name);
    }

    /**
     * A message's headers as a JSON Schema (draft-07, which AsyncAPI's own schema format extends), its references
     * resolved within the document.
     */
    public static JsonSchema headers(String message) {
        return HEADERS.computeIfAbsent(message, AsyncApi::compileHeaders);
    }

    private static JsonSchema compileHeaders(String message) {
        ObjectNode root = DOCUMENT.deepCopy();
        root.put("$ref", "#/components/messages/" + message + "/headers");
        SchemaValidatorsConfig config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(root, config);
    }

    private static JsonNode read() {
        try (InputStream in = AsyncApi.class.getResourceAsStream("/asyncapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("asyncapi.yaml is not on the classpath");
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
