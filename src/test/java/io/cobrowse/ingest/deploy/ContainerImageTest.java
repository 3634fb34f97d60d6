package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.ProjectFiles.ROOT;
import static io.cobrowse.ingest.deploy.YamlNodes.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The container image: src/main/docker/Dockerfile.jvm (see {@link Dockerfile}), which cannot be built without a
 * container engine, held to the application's configuration and the build, and the .dockerignore that decides
 * what reaches its build.
 */
class ContainerImageTest {

    private static final AppConfig APP = AppConfig.load();

    @Test
    void imageRunsTheFastJarAsANonRootUserOnTheApplicationPort() {
        Dockerfile docker = Dockerfile.read();

        assertThat(docker.all("EXPOSE")).as("EXPOSE").anyMatch(e -> texts(e).contains(String.valueOf(APP.httpPort())));
        if (APP.managementEnabled()) {
            assertThat(docker.all("EXPOSE")).as("EXPOSE the management port").anyMatch(e -> texts(e).contains(
                            String.valueOf(APP.managementPort())));
        }
        assertThat(docker.last("USER")).as("USER").matches("[1-9][0-9]*");
        assertThat(docker.env()).as("ENV").containsEntry("JAVA_APP_JAR", "/deployments/quarkus-run.jar");
        List<List<String>> copies =
                docker.all("COPY").stream().map(Dockerfile::copyOperands).toList();
        assertThat(copies).as("COPY").isNotEmpty().allSatisfy(c -> {
            assertThat(c.subList(0, c.size() - 1)).allMatch(src -> src.startsWith("target/quarkus-app/"));
            assertThat(c.get(c.size() - 1)).startsWith("/deployments/");
        });
        assertThat(copies.stream().flatMap(c -> c.subList(0, c.size() - 1).stream()))
                .as("the four fast-jar layers")
                .contains(
                        "target/quarkus-app/lib/",
                        "target/quarkus-app/*.jar",
                        "target/quarkus-app/app/",
                        "target/quarkus-app/quarkus/");
        assertThat(docker.all("COPY")).as("COPY --chown").allMatch(c -> c.contains("--chown=" + docker.last("USER")));
    }

    @Test
    void imageJavaIsAtLeastTheCompilersRelease() throws IOException {
        Matcher release = Pattern.compile("<maven.compiler.release>(\\d+)</maven.compiler.release>")
                .matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(release.find()).as("maven.compiler.release in pom.xml").isTrue();
        Matcher image =
                Pattern.compile("openjdk-(\\d+)").matcher(Dockerfile.read().last("FROM"));

        assertThat(image.find())
                .as("FROM %s names its JDK", Dockerfile.read().last("FROM"))
                .isTrue();
        assertThat(Integer.parseInt(image.group(1)))
                .as("JDK of the image")
                .isGreaterThanOrEqualTo(Integer.parseInt(release.group(1)));
    }

    @Test
    void dockerignoreSendsTheFastJarAndLittleElseToTheBuild() throws IOException {
        List<String> patterns = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        for (List<String> copy : Dockerfile.read().all("COPY").stream()
                .map(Dockerfile::copyOperands)
                .toList()) {
            for (String source : copy.subList(0, copy.size() - 1)) {
                String sample = source.replace("*", "quarkus-run") + (source.endsWith("/") ? "main/some.jar" : "");
                assertThat(dockerIgnores(patterns, sample))
                        .as("%s (from COPY %s) is sent", sample, source)
                        .isFalse();
            }
        }
        for (String other : List.of(
                "src/main/java/io/cobrowse/ingest/App.java",
                "target/classes/App.class",
                ".git/HEAD",
                "k8s/base/deployment.yaml")) {
            assertThat(dockerIgnores(patterns, other))
                    .as("%s is left out", other)
                    .isTrue();
        }
    }

    /** .dockerignore: the last pattern matching the path or one of its parent folders decides; ! lets it through. */
    private static boolean dockerIgnores(List<String> patterns, String path) {
        boolean ignored = false;
        for (String pattern : patterns) {
            boolean exception = pattern.startsWith("!");
            Pattern glob = glob((exception ? pattern.substring(1) : pattern).replaceFirst("^/", ""));
            String candidate = path;
            boolean matches = false;
            while (!candidate.isEmpty() && !matches) {
                matches = glob.matcher(candidate).matches();
                candidate = candidate.contains("/") ? candidate.substring(0, candidate.lastIndexOf('/')) : "";
            }
            if (matches) {
                ignored = !exception;
            }
        }
        return ignored;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
