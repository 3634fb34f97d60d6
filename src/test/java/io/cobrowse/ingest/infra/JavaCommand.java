package io.cobrowse.ingest.infra;

import java.nio.file.Path;

/** The java launcher of the running JVM, so child JVMs use the same JDK. */
public final class JavaCommand {

    private JavaCommand() {}

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
