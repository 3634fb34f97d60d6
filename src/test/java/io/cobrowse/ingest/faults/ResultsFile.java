package io.cobrowse.ingest.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The suite's figures as a Markdown table, rewritten after every scenario so that a cut-short run leaves its rows. */
final class ResultsFile {

    private static final String COLUMNS = "| scenario | sent | acknowledged | unknown | stored | published | lost"
            + " | invented | order violations | publication resumed after | every visitor resumed after |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    private static final String ATTEMPT_COLUMNS =
            "| scenario | 202 | 200 duplicate | 503 | no connection | answer lost | other |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|\n";

    private final Path file;
    private final String commit = commit();
    private final List<String> rows = new ArrayList<>();
    private final List<String> attemptRows = new ArrayList<>();

    ResultsFile(Path file) {
        this.file = file;
        write();
    }

    synchronized void add(String scenario, Figures f) {
        rows.add(String.format(
                "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %s | %s |",
                scenario,
                f.sent(),
                f.acknowledged(),
                f.unknown(),
                f.stored(),
                f.published(),
                f.lost(),
                f.invented(),
                f.orderViolations(),
                seconds(f.resumedAfterSeconds()),
                seconds(f.allResumedAfterSeconds())));
        Attempts a = f.attempts();
        attemptRows.add(String.format(
                "| %s | %d | %d | %d | %d | %d | %d |",
                scenario, a.accepted(), a.duplicate(), a.unavailable(), a.noConnection(), a.answerLost(), a.other()));
        write();
    }

    synchronized void notRun(String scenario, String reason) {
        rows.add("| " + scenario + " | not run: " + reason + " | | | | | | | | | |");
        write();
    }

    private static String seconds(Double s) {
        return s == null ? "not resumed" : String.format("%.1f s", s);
    }

    private void write() {
        StringBuilder md = new StringBuilder();
        md.append("# Fault suite: results\n\n");
        md.append("`./mvnw verify -Pfaults`, run on ")
                .append(LocalDate.now(ZoneOffset.UTC))
                .append(" at commit ")
                .append(commit)
                .append(", on one machine with ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores: the packaged service (`java -jar`, prod profile), a real PostgreSQL and a real Kafka,")
                .append(" under signed load from ")
                .append(Load.SENDERS)
                .append(" senders over ")
                .append(Load.SENDERS * Load.VISITORS_PER_SENDER)
                .append(" visitors (one webhook per sender every ")
                .append(Load.PACE.toMillis())
                .append(" ms at most). Each scenario has topics and visitors of its own, and injects its fault ")
                .append(Scenario.WARM_UP.toSeconds())
                .append(" s into the load; the load goes on until ")
                .append(Scenario.LOAD_AFTER_RECOVERY.toSeconds())
                .append(" s after the faulty part is back.\n\n");
        md.append(COLUMNS);
        rows.forEach(r -> md.append(r).append('\n'));
        md.append("\n- **sent**: distinct webhooks (a retry keeps its id and body); **acknowledged**: answered `2xx`"
                + " by some attempt; **unknown**: no `2xx`, and some attempt's answer never came (time-out,"
                + " connection reset), so it may or may not be stored: it counts in no check.\n");
        md.append("- **stored**: acknowledged webhooks with their inbox row (one per webhook-id, read over JDBC);"
                + " **published**: distinct `ce_id`s on the scenario's two topics, read by a plain consumer.\n");
        md.append("- **lost**: acknowledged, not published; **invented**: published, though no attempt got a `2xx` and"
                + " none lost its answer; **order violations**: acknowledged webhooks whose first record came, on"
                + " their visitor's key, after the first record of a webhook of that visitor acknowledged later"
                + " (Kafka orders a key within its topic, not across the two topics).\n");
        md.append("- **publication resumed after**: from the fault to the first record, as the consumer saw it, of a"
                + " webhook first sent after the fault; **every visitor resumed after**: until each visitor with a"
                + " webhook first sent after the fault had the first such record (the visitors whose relay was lost"
                + " come last).\n");
        md.append("\nThe attempts, retries included, by answer (a webhook whose answer was lost is sent again with the"
                + " same id; if it was stored, the retry gets `200` duplicate):\n\n");
        md.append(ATTEMPT_COLUMNS);
        attemptRows.forEach(r -> md.append(r).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The commit the run tested, as git tells it. */
    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!git.waitFor(10, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                return "unknown";
            }
            String hash = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.exitValue() == 0 && !hash.isEmpty() ? "`" + hash + "`" : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
