package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.ProjectFiles.ROOT;
import static org.assertj.core.api.Assertions.fail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application's configuration as prod sees it without environment: application.properties (prod profile
 * first), then the defaults of its {@code @ConfigMapping} interfaces, then the contract's defaults.
 */
record AppConfig(Properties properties, Map<String, String> mappingDefaults) {

    /** Contract, section 2 and 3, for what the application does not say. */
    private static final Map<String, String> CONTRACT_DEFAULTS = Map.of(
            "quarkus.http.port", "8080",
            "cobrowse.topics.visitors", "cobrowse.visitors.v1",
            "cobrowse.topics.sessions", "cobrowse.sessions.v1",
            "cobrowse.topics.create", "true",
            "cobrowse.topics.partitions", "6",
            "cobrowse.topics.replication-factor", "1",
            "cobrowse.topics.min-insync-replicas", "1",
            "cobrowse.topics.sessions-retention", "P7D");

    static AppConfig load() {
        Properties properties = new Properties();
        Path file = ROOT.resolve("src/main/resources/application.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new AppConfig(properties, mappingDefaults(ROOT.resolve("src/main/java")));
    }

    /** The @WithDefault values of the compiled @ConfigMapping interfaces found in the sources. */
    private static Map<String, String> mappingDefaults(Path sources) {
        Map<String, String> defaults = new LinkedHashMap<>();
        if (!Files.isDirectory(sources)) {
            return defaults;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                if (!Files.readString(file).contains("@ConfigMapping")) {
                    continue;
                }
                String className = sources.relativize(file)
                        .toString()
                        .replace(java.io.File.separatorChar, '.')
                        .replaceAll("\\.java$", "");
                try {
                    Class<?> type = Class.forName(className, false, AppConfig.class.getClassLoader());
                    ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
                    if (mapping != null) {
                        collectDefaults(type, mapping.prefix(), defaults, 0);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    // not compiled with the tests: the contract's defaults stand in
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }

    private static void collectDefaults(Class<?> type, String prefix, Map<String, String> defaults, int depth) {
        for (Method method : type.getMethods()) {
            if (method.getParameterCount() > 0
                    || method.isDefault()
                    || Modifier.isStatic(method.getModifiers())
                    || depth > 8) {
                continue;
            }
            WithName withName = method.getAnnotation(WithName.class);
            String name = method.isAnnotationPresent(WithParentName.class)
                    ? prefix
                    : prefix + "."
                            + (withName != null
                                    ? withName.value()
                                    : method.getName()
                                            .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                                            .toLowerCase(Locale.ROOT));
            WithDefault withDefault = method.getAnnotation(WithDefault.class);
            Class<?> returned = method.getReturnType();
            if (withDefault != null) {
                defaults.put(name, withDefault.value());
            } else if (returned.isInterface() && !returned.getName().startsWith("java.")) {
                collectDefaults(returned, name, defaults, depth + 1);
            }
        }
    }

    Optional<String> get(String key) {
        String value = properties.getProperty("%prod." + key, properties.getProperty(key));
        if (value == null) {
            value = mappingDefaults.getOrDefault(key, CONTRACT_DEFAULTS.get(key));
        }
        return Optional.ofNullable(value).map(this::expand).filter(v -> !v.isBlank());
    }

    String get(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /** The value the application uses when an environment variable is not set. */
    String forVariable(String variable) {
        return Stream.of(properties.stringPropertyNames(), mappingDefaults.keySet(), CONTRACT_DEFAULTS.keySet())
                .flatMap(Set::stream)
                .map(k -> k.startsWith("%prod.") ? k.substring("%prod.".length()) : k)
                .filter(k -> !k.startsWith("%"))
                .filter(k -> k.replaceAll("[^A-Za-z0-9]", "_")
                        .toUpperCase(Locale.ROOT)
                        .equals(variable))
                .findFirst()
                .flatMap(this::get)
                .orElseGet(() -> fail("the application has no default for %s", variable));
    }

    /** ${name:default}: another property, else the default (the environment of this JVM is not consulted). */
    private String expand(String value) {
        return Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}")
                .matcher(value)
                .replaceAll(
                        m -> Matcher.quoteReplacement(get(m.group(1)).orElse(m.group(2) == null ? "" : m.group(2))));
    }

    int httpPort() {
        return Integer.parseInt(get("quarkus.http.port", "8080"));
    }

    boolean managementEnabled() {
        return Boolean.parseBoolean(get("quarkus.management.enabled", "false"));
    }

    int managementPort() {
        return Integer.parseInt(get("quarkus.management.port", "9000"));
    }

    private String endpointsRoot() {
        return managementEnabled()
                ? path("/", get("quarkus.management.root-path", "q"))
                : path(get("quarkus.http.root-path", "/"), get("quarkus.http.non-application-root-path", "q"));
    }

    String healthPath(String which) {
        String root = path(endpointsRoot(), get("quarkus.smallrye-health.root-path", "health"));
        return switch (which) {
            case "live" -> path(root, get("quarkus.smallrye-health.liveness-path", "live"));
            case "ready" -> path(root, get("quarkus.smallrye-health.readiness-path", "ready"));
            case "started" -> path(root, get("quarkus.smallrye-health.startup-path", "started"));
            default -> throw new IllegalArgumentException(which);
        };
    }

    String metricsPath() {
        return path(endpointsRoot(), get("quarkus.micrometer.export.prometheus.path", "metrics"));
    }

    Duration shutdownDuration() {
        Duration timeout =
                get("quarkus.shutdown.timeout").map(AppConfig::duration).orElse(Duration.ZERO);
        Duration delay = get("quarkus.shutdown.delay").map(AppConfig::duration).orElse(Duration.ZERO);
        return Boolean.parseBoolean(get("quarkus.shutdown.delay-enabled", "false")) ? timeout.plus(delay) : timeout;
    }

    String jdbcUrl() {
        return get("quarkus.datasource.jdbc.url", "");
    }

    String visitorsTopic() {
        return forVariable("COBROWSE_TOPICS_VISITORS");
    }

    String sessionsTopic() {
        return forVariable("COBROWSE_TOPICS_SESSIONS");
    }

    /** The producer's max.request.size, where the application raises it. */
    Optional<Long> maxRequestSize() {
        return properties.stringPropertyNames().stream()
                .filter(k -> k.endsWith("max.request.size") && (!k.startsWith("%") || k.startsWith("%prod.")))
                .map(k -> k.startsWith("%prod.") ? k.substring("%prod.".length()) : k)
                .flatMap(k -> get(k).stream())
                .map(Long::parseLong)
                .max(Long::compare);
    }

    /** A Quarkus path: absolute as it is, relative under its parent. */
    private static String path(String parent, String child) {
        String joined = child.startsWith("/") ? child : parent + "/" + child;
        String clean = joined.replaceAll("/+", "/");
        return clean.length() > 1 && clean.endsWith("/") ? clean.substring(0, clean.length() - 1) : clean;
    }

    /** A Quarkus duration: 30 (seconds), 500ms, 30s, 2m, 1h, or ISO-8601 (PT30S). */
    private static Duration duration(String value) {
        String v = value.trim();
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        if (v.matches("(?i)\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.matches("(?i)\\d+[smhd]")) {
            return Duration.parse((v.toLowerCase(Locale.ROOT).endsWith("d") ? "P" : "PT") + v.toUpperCase(Locale.ROOT));
        }
        return Duration.parse(v);
    }
}
