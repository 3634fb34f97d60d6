package io.cobrowse.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Small helpers for walking parsed YAML (and the word lists found in it). */
final class YamlNodes {

    private YamlNodes() {}

    /** The single item of a list, asserting there is exactly one. */
    static <T> T only(List<T> items, String what) {
        assertThat(items).as(what).hasSize(1);
        return items.get(0);
    }

    /** A Kubernetes object's metadata.name. */
    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    static Stream<JsonNode> stream(JsonNode node) {
        return StreamSupport.stream(node.spliterator(), false);
    }

    /** The field names of an object, sorted. */
    static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** An object's fields as text. */
    static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** An array's items as text. */
    static List<String> texts(JsonNode array) {
        return stream(array).map(JsonNode::asText).toList();
    }

    /** Words of a space- or comma-separated list. */
    static List<String> texts(String words) {
        return words == null
                ? List.of()
                : Stream.of(words.trim().split("[\\s,]+"))
                        .filter(w -> !w.isEmpty())
                        .toList();
    }

    /** The first of the nodes that is present and not blank, as text; else "". */
    static String firstText(JsonNode... candidates) {
        return Stream.of(candidates)
                .filter(n -> !n.isMissingNode() && !n.asText().isBlank())
                .map(JsonNode::asText)
                .findFirst()
                .orElse("");
    }
}
