package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.ProjectFiles.ROOT;
import static io.cobrowse.ingest.deploy.ProjectFiles.readYaml;
import static io.cobrowse.ingest.deploy.YamlNodes.stream;
import static io.cobrowse.ingest.deploy.YamlNodes.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker-compose.yml, with ${VAR:-default} read as its default. */
record Compose(JsonNode root) {

    static Compose read() {
        return new Compose(readYaml(ROOT.resolve("docker-compose.yml")).get(0));
    }

    JsonNode service(String name) {
        JsonNode service = root.path("services").path(name);
        assertThat(service.isObject()).as("compose service %s", name).isTrue();
        return service;
    }

    /** The service built from this project's Dockerfile. */
    JsonNode app() {
        return stream(root.path("services"))
                .filter(s -> s.path("build").path("dockerfile").asText().endsWith("Dockerfile.jvm"))
                .findFirst()
                .orElseGet(() -> fail("no compose service is built from Dockerfile.jvm"));
    }

    Map<String, String> appEnv() {
        return environment(app());
    }

    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            for (JsonNode entry : environment) {
                String[] kv = entry.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? interpolate(kv[1]) : null);
            }
        } else {
            environment
                    .properties()
                    .forEach(e -> env.put(e.getKey(), interpolate(e.getValue().asText())));
        }
        return env;
    }

    static String healthcheck(JsonNode service) {
        JsonNode test = service.path("healthcheck").path("test");
        return test.isArray() ? String.join(" ", texts(test)) : test.asText();
    }

    Set<Integer> publishedContainerPorts(JsonNode service) {
        Set<Integer> ports = new LinkedHashSet<>();
        for (JsonNode port : service.path("ports")) {
            String target = port.isObject() ? port.path("target").asText() : port.asText();
            target = target.substring(target.lastIndexOf(':') + 1).replaceAll("/.*", "");
            ports.add(Integer.parseInt(target));
        }
        return ports;
    }

    /** A Kafka listener list, NAME://host:port,... as NAME -> host:port. */
    static Map<String, String> listeners(String list) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String listener : texts(list)) {
            String[] parts = listener.split("://", 2);
            map.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return map;
    }

    private static String interpolate(String value) {
        return Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(?::?-([^}]*))?}")
                .matcher(value)
                .replaceAll(m -> Matcher.quoteReplacement(m.group(1) == null ? "" : m.group(1)))
                .replace("$$", "$");
    }
}
