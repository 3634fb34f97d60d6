package io.cobrowse.ingest.bench;

import java.nio.file.Path;

/** The java launcher of the running JVM, so child JVMs use the same JDK. */
final class JavaCommand {

    private JavaCommand() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
