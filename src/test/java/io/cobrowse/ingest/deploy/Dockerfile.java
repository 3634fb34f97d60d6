package io.cobrowse.ingest.deploy;

import static io.cobrowse.ingest.deploy.ProjectFiles.ROOT;
import static io.cobrowse.ingest.deploy.YamlNodes.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The instructions of src/main/docker/Dockerfile.jvm. */
record Dockerfile(List<String> instructions) {

    static Dockerfile read() {
        try {
            String text = Files.readString(ROOT.resolve("src/main/docker/Dockerfile.jvm"));
            List<String> lines = Stream.of(text.replaceAll("\\\\\\r?\\n", " ").split("\\r?\\n"))
                    .map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .toList();
            return new Dockerfile(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arguments of every instruction of that keyword. */
    List<String> all(String keyword) {
        return instructions.stream()
                .filter(i -> i.toUpperCase(Locale.ROOT).startsWith(keyword + " "))
                .map(i -> i.substring(keyword.length()).trim())
                .toList();
    }

    String last(String keyword) {
        List<String> all = all(keyword);
        assertThat(all).as("%s in the Dockerfile", keyword).isNotEmpty();
        return all.get(all.size() - 1);
    }

    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|'([^']*)'|(\\S+))");
        for (String args : all("ENV")) {
            Matcher m = pair.matcher(args);
            while (m.find()) {
                env.put(m.group(1), m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5));
            }
        }
        return env;
    }

    /** COPY's sources and destination, without its flags. */
    static List<String> copyOperands(String args) {
        return texts(args).stream().filter(a -> !a.startsWith("--")).toList();
    }
}
