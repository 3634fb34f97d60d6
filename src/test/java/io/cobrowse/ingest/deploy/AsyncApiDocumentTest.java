package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.ProjectFiles.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.cobrowse.ingest.domain.NormalizedFormGoldenTest;
import io.cobrowse.ingest.support.AsyncApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The AsyncAPI document of the topics: AsyncAPI 3.0, every reference resolves, and its channels, keys and payload
 * schemas agree with the service's configuration; KafkaPublishTest holds its headers to the records themselves.
 */
class AsyncApiDocumentTest {

    private static final AppConfig APP = AppConfig.load();
    private static final Path FILE = ROOT.resolve("src/main/resources/asyncapi.yaml");
    private final JsonNode doc = AsyncApi.document();

    @Test
    void itIsAnAsyncApi3DocumentOfTwoChannelsTheServiceSendsTo() {
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.at("/info/title").asText()).isNotBlank();
        assertThat(doc.at("/info/version").asText()).isNotBlank();
        List<String> actions = new ArrayList<>();
        doc.path("operations").forEach(o -> actions.add(o.path("action").asText()));
        assertThat(actions).containsExactly("send", "send");
    }

    @Test
    void everyReferenceResolves() throws IOException {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).hasSizeGreaterThan(10);
        for (String ref : refs) {
            if (ref.startsWith("#")) {
                assertThat(doc.at(JsonPointer.compile(ref.substring(1))).isMissingNode())
                        .as("%s resolves in the document", ref)
                        .isFalse();
            } else {
                String[] fileAndPointer = ref.split("#", 2);
                Path target = FILE.getParent().resolve(fileAndPointer[0]).normalize();
                assertThat(target)
                        .as("%s names a file beside the document", ref)
                        .isRegularFile();
                JsonNode schema = new ObjectMapper().readTree(Files.readString(target));
                if (fileAndPointer.length > 1) {
                    assertThat(schema.at(JsonPointer.compile(fileAndPointer[1])).isMissingNode())
                            .as("%s resolves in %s", ref, target)
                            .isFalse();
                }
            }
        }
    }

    @Test
    void theChannelsAreTheServicesTopicsWithTheirPolicies() {
        Map<String, String> addresses = Map.of("visitors", APP.visitorsTopic(), "sessions", APP.sessionsTopic());
        addresses.forEach((channel, topic) -> {
            JsonNode c = doc.at("/channels/" + channel);
            assertThat(c.path("address").asText()).as("%s address", channel).isEqualTo(topic);
            assertThat(c.at("/bindings/kafka/topic").asText())
                    .as("%s binding", channel)
                    .isEqualTo(topic);
            assertThat(c.at("/bindings/kafka/partitions").asInt())
                    .as("%s partitions", channel)
                    .isEqualTo(Integer.parseInt(APP.forVariable("COBROWSE_TOPICS_PARTITIONS")));
        });
        assertThat(doc.at("/channels/visitors/bindings/kafka/topicConfiguration/cleanup.policy/0")
                        .asText())
                .isEqualTo("compact");
        assertThat(doc.at("/channels/sessions/bindings/kafka/topicConfiguration/retention.ms")
                        .asLong())
                .isEqualTo(Duration.parse(APP.forVariable("COBROWSE_TOPICS_SESSIONS_RETENTION"))
                        .toMillis());
    }

    /** The values' schemas are declared as draft-07 for AsyncAPI's tools: the golden values must pass that way too. */
    @ParameterizedTest(name = "golden {0}")
    @ValueSource(strings = {"visitor.updated", "session.started", "session.ended", "session.state"})
    void payloadSchemasAcceptTheGoldenValuesReadAsDraft07(String sample) throws IOException {
        String message = sample.startsWith("visitor.") ? "visitor" : "session";
        JsonNode payload = AsyncApi.message(message).path("payload");
        assertThat(payload.path("schemaFormat").asText()).isEqualTo("application/schema+json;version=draft-07");
        JsonNode schema = new ObjectMapper()
                .readTree(Files.readString(FILE.getParent()
                        .resolve(payload.at("/schema/$ref").asText())
                        .normalize()));

        assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                        .getSchema(schema)
                        .validate(NormalizedFormGoldenTest.golden(sample)))
                .isEmpty();
        // and the message's ce_dataschema names that schema
        assertThat(AsyncApi.message(message)
                        .at("/headers/allOf/2/properties/ce_dataschema/const")
                        .asText())
                .isEqualTo(schema.path("$id").asText());
    }

    @Test
    void theMessagesHeadersTellAVisitorRecordFromAnIncompleteOrASessionOne() {
        ObjectNode visitor = new ObjectMapper()
                .createObjectNode()
                .put("ce_specversion", "1.0")
                .put("ce_id", "msg_1")
                .put("ce_source", "/webhooks/cobrowse")
                .put("ce_type", "cobrowse.visitor.updated")
                .put("ce_subject", "k7Qm2Xp9")
                .put("ce_time", "2026-11-24T09:21:10Z")
                .put("content-type", "application/json")
                .put("ce_dataschema", "urn:cobrowse-ingest:schemas:visitor.v1");

        assertThat(AsyncApi.headers("visitor").validate(visitor)).isEmpty();
        assertThat(AsyncApi.headers("visitor").validate(visitor.deepCopy().without("ce_id")))
                .isNotEmpty();
        assertThat(AsyncApi.headers("session").validate(visitor)).isNotEmpty();
        assertThat(AsyncApi.headers("visitorTombstone").validate(visitor)).isNotEmpty();
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.path("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}
