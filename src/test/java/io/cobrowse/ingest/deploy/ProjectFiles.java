package io.cobrowse.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The project's folder and the YAML files in it. */
final class ProjectFiles {

    /** The folder holding pom.xml, at or above the working directory. */
    static final Path ROOT = projectRoot();

    private static final YAMLMapper YAML = new YAMLMapper();

    private ProjectFiles() {}

    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("pom.xml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("a folder with pom.xml above the working directory").isNotNull();
        return dir;
    }

    /** The documents of a YAML file that are objects. */
    static List<JsonNode> readYaml(Path file) {
        try {
            return documents(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The documents of a multi-document YAML text that are objects. */
    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        YAML.readerFor(JsonNode.class).readValues(yaml).forEachRemaining(d -> {
            if (d instanceof JsonNode n && n.isObject()) {
                documents.add(n);
            }
        });
        return documents;
    }
}
