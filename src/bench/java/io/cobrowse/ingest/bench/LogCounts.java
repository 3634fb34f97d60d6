package io.cobrowse.ingest.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** ERROR and WARN lines in the service's log: a run with errors logged needs a look. */
record LogCounts(long errors, long warnings) {

    static LogCounts of(Path log) {
        long errors = 0;
        long warnings = 0;
        try (var lines = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.contains(" ERROR ")) {
                    errors++;
                } else if (line.contains(" WARN ")) {
                    warnings++;
                }
            }
        } catch (IOException e) {
            return new LogCounts(-1, -1);
        }
        return new LogCounts(errors, warnings);
    }
}
