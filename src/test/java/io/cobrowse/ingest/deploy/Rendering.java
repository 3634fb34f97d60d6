package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.ProjectFiles.ROOT;
import static io.cobrowse.ingest.deploy.ProjectFiles.documents;
import static io.cobrowse.ingest.deploy.ProjectFiles.readYaml;
import static io.cobrowse.ingest.deploy.ServiceContract.APP_NAME;
import static io.cobrowse.ingest.deploy.YamlNodes.name;
import static io.cobrowse.ingest.deploy.YamlNodes.only;
import static io.cobrowse.ingest.deploy.YamlNodes.stream;
import static io.cobrowse.ingest.deploy.YamlNodes.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The objects of one kustomization under k8s/ (the base or an overlay), with the accessors the checks need.
 *
 * <p>Each is rendered with {@code kubectl kustomize} when kubectl is on the PATH; otherwise the base files are
 * read, with the overlay's own resources and ConfigMap patches laid over them, and {@link #complete()} is false:
 * the checks that need a full rendering are then skipped.
 */
record Rendering(String overlay, List<JsonNode> objects, boolean complete) {

    /** What can be deployed: the base on its own and each overlay. */
    static final List<String> CHECKED = List.of("base", "dev", "prod");

    /** The Kafka topics and user, in a kustomization for the Kafka cluster's namespace rather than the application's. */
    static final String KAFKA = "kafka";

    /** The route from a Gateway to the webhook endpoint, applied beside an overlay. */
    static final String GATEWAY = "gateway";

    /** The PodMonitor, the alert rules and the dashboard, applied beside an overlay. */
    static final String MONITORING = "monitoring";

    private static final AppConfig APP = AppConfig.load();
    private static final Map<String, Rendering> RENDERINGS = new ConcurrentHashMap<>();

    /** The rendering of "base" or of an overlay, made once and shared by every test. */
    static Rendering render(String overlay) {
        return RENDERINGS.computeIfAbsent(
                overlay, o -> kubectl().map(k -> kustomize(k, o)).orElseGet(() -> fallback(o)));
    }

    private static Optional<Path> kubectl() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static Path directory(String overlay) {
        return switch (overlay) {
            case "base" -> ROOT.resolve("k8s/base");
            case KAFKA, GATEWAY, MONITORING -> ROOT.resolve("k8s").resolve(overlay);
            default -> ROOT.resolve("k8s/overlays").resolve(overlay);
        };
    }

    static Rendering kustomize(Path kubectl, String overlay) {
        Path dir = directory(overlay);
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectError(errors.toFile())
                    .start();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(process.waitFor(120, TimeUnit.SECONDS))
                    .as("kubectl kustomize %s finished", dir)
                    .isTrue();
            assertThat(process.exitValue())
                    .as("kubectl kustomize %s: %s", dir, Files.readString(errors))
                    .isZero();
            Files.deleteIfExists(errors);
            return new Rendering(overlay, documents(out), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Without kubectl: the base's resources and generated ConfigMaps, then the overlay's own and its merges. */
    static Rendering fallback(String overlay) {
        if (overlay.equals(KAFKA) || overlay.equals(GATEWAY) || overlay.equals(MONITORING)) {
            return standaloneFallback(overlay);
        }
        List<JsonNode> objects = new ArrayList<>();
        Path base = ROOT.resolve("k8s/base");
        JsonNode baseKustomization =
                readYaml(base.resolve("kustomization.yaml")).get(0);
        for (JsonNode file : baseKustomization.path("resources")) {
            objects.addAll(readYaml(base.resolve(file.asText())));
        }
        generateConfigMaps(base, baseKustomization, objects);
        if (overlay.equals("base")) {
            return new Rendering(overlay, objects, false);
        }
        Path dir = directory(overlay);
        JsonNode kustomization = readYaml(dir.resolve("kustomization.yaml")).get(0);
        for (JsonNode file : kustomization.path("resources")) {
            if (Files.isRegularFile(dir.resolve(file.asText()))) {
                objects.addAll(readYaml(dir.resolve(file.asText())));
            }
        }
        generateConfigMaps(dir, kustomization, objects);
        return new Rendering(overlay, objects, false);
    }

    /** A configMapGenerator's ConfigMaps from their env files; with behavior merge, laid over the existing one. */
    private static void generateConfigMaps(Path dir, JsonNode kustomization, List<JsonNode> objects) {
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            String name = generator.path("name").asText();
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            for (JsonNode env : generator.path("envs")) {
                envFile(dir.resolve(env.asText())).forEach(data::put);
            }
            Optional<JsonNode> existing = objects.stream()
                    .filter(o -> "ConfigMap".equals(o.path("kind").asText()) && name.equals(name(o)))
                    .findFirst();
            if ("merge".equals(generator.path("behavior").asText()) && existing.isPresent()) {
                ((ObjectNode) existing.get().path("data")).setAll(data);
            } else {
                ObjectNode configMap = JsonNodeFactory.instance.objectNode();
                configMap.put("apiVersion", "v1").put("kind", "ConfigMap");
                configMap.putObject("metadata").put("name", name);
                configMap.set("data", data);
                objects.add(configMap);
            }
        }
    }

    /** An env file as kustomize reads it: KEY=VALUE lines, comments and blank lines skipped. */
    static Map<String, String> envFile(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    String[] kv = l.split("=", 2);
                    values.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }

    /** A kustomization of resources alone, in its namespace if it names one. */
    private static Rendering standaloneFallback(String name) {
        Path dir = directory(name);
        JsonNode kustomization = readYaml(dir.resolve("kustomization.yaml")).get(0);
        List<JsonNode> objects = new ArrayList<>();
        for (JsonNode file : kustomization.path("resources")) {
            for (JsonNode doc : readYaml(dir.resolve(file.asText()))) {
                if (kustomization.has("namespace")) {
                    ((ObjectNode) doc.path("metadata"))
                            .put("namespace", kustomization.path("namespace").asText());
                }
                objects.add(doc);
            }
        }
        return new Rendering(name, objects, false);
    }

    List<JsonNode> all(String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .toList();
    }

    JsonNode one(String kind) {
        return only(all(kind), overlay + ": " + kind);
    }

    Set<String> names(String kind) {
        return all(kind).stream().map(YamlNodes::name).collect(Collectors.toCollection(TreeSet::new));
    }

    JsonNode configMap(String name) {
        return all("ConfigMap").stream()
                .filter(c -> name.equals(name(c)))
                .findFirst()
                .orElseGet(() -> fail("%s: no ConfigMap %s", overlay, name));
    }

    JsonNode deployment() {
        return one("Deployment");
    }

    JsonNode podSpec() {
        return deployment().at("/spec/template/spec");
    }

    JsonNode container() {
        return stream(podSpec().path("containers"))
                .filter(c -> APP_NAME.equals(c.path("name").asText()))
                .findFirst()
                .orElseGet(() -> fail("%s: no container %s", overlay, APP_NAME));
    }

    /** A port reference (a name or a number) as the container's port number. */
    int containerPort(String reference) {
        if (reference.matches("\\d+")) {
            return Integer.parseInt(reference);
        }
        return stream(container().path("ports"))
                .filter(p -> reference.equals(p.path("name").asText()))
                .mapToInt(p -> p.path("containerPort").asInt())
                .findFirst()
                .orElseGet(() -> fail("%s: the container has no port named %s", overlay, reference));
    }

    int effectiveHttpPort() {
        return envValue("QUARKUS_HTTP_PORT").map(Integer::parseInt).orElse(APP.httpPort());
    }

    /** Where health and metrics are served: the management port when the application has one, else HTTP. */
    int effectiveManagementPort() {
        return APP.managementEnabled()
                ? envValue("QUARKUS_MANAGEMENT_PORT").map(Integer::parseInt).orElse(APP.managementPort())
                : effectiveHttpPort();
    }

    /** The container's variables: from envFrom ConfigMaps, then env (a Secret's value is null). */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container().path("envFrom")) {
            if (from.has("configMapRef")) {
                String prefix = from.path("prefix").asText("");
                strings(configMap(from.path("configMapRef").path("name").asText())
                                .path("data"))
                        .forEach((k, v) -> env.put(prefix + k, v));
            }
        }
        for (JsonNode e : container().path("env")) {
            JsonNode ref = e.path("valueFrom").path("configMapKeyRef");
            String value = e.has("value")
                    ? e.path("value").asText()
                    : ref.isMissingNode()
                            ? null
                            : configMap(ref.path("name").asText())
                                    .path("data")
                                    .path(ref.path("key").asText())
                                    .asText();
            env.put(e.path("name").asText(), value);
        }
        return env;
    }

    Optional<String> envValue(String name) {
        return Optional.ofNullable(env().get(name));
    }

    String env(String name) {
        return envValue(name).orElseGet(() -> fail("%s: %s is not set", overlay, name));
    }

    JsonNode envEntry(String name) {
        return stream(container().path("env"))
                .filter(e -> name.equals(e.path("name").asText()))
                .findFirst()
                .orElseGet(() -> fail("%s: no env entry %s", overlay, name));
    }
}
