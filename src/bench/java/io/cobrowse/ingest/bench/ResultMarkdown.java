package io.cobrowse.ingest.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes results.md: what the run was and where, then the tables printed at the end of the run, so
 * that a run can be quoted as it is, without copying figures by hand.
 */
final class ResultMarkdown {

    private ResultMarkdown() {}

    /**
     * @param runOf which run of several this is ("run 2 of 3"), null for a run on its own
     * @param chart the chart's file name beside results.md, null when none was written
     * @param replay the replay measurement, null when it was left out
     * @param catchUp the catch-up after a Kafka outage, null when it was left out
     */
    static void write(BenchReport r, String runOf, String chart, ReplayResult replay, CatchUp catchUp, Path file)
            throws IOException {
        BenchSettings settings = r.settings();
        StringBuilder s = new StringBuilder("# cobrowse-ingest benchmark\n\n");
        s.append("- Run: ")
                .append(r.startedAt())
                .append(", commit ")
                .append(r.commit())
                .append(runOf == null ? "" : "; " + runOf + " (their medians are in the summary)")
                .append('\n');
        machineAndSteps(s, r.machine(), settings);
        ResultTable.tables(r).forEach(t -> s.append(t.markdown()));
        if (chart != null) {
            s.append("![Throughput and acknowledgement p99 against concurrency](")
                    .append(chart)
                    .append(")\n");
        }
        if (replay != null) {
            s.append('\n').append(replay.table().markdown());
        }
        if (catchUp != null) {
            s.append('\n').append(catchUp.table().markdown());
        }
        s.append('\n').append(TargetTable.of(r, catchUp).markdown());
        Files.writeString(file, s.toString().strip() + "\n");
    }

    /**
     * Several runs: their targets' medians and each run's figures, with links to each run's own results.md.
     *
     * @param runs each run's targets, in the order of the runs
     */
    static void writeRuns(
            String startedAt,
            String finishedAt,
            String commit,
            MachineInfo machine,
            BenchSettings settings,
            List<List<Target>> runs,
            Path file)
            throws IOException {
        StringBuilder s = new StringBuilder("# cobrowse-ingest benchmark, " + runs.size() + " runs\n\n");
        s.append("- Runs: ")
                .append(startedAt)
                .append(" to ")
                .append(finishedAt)
                .append(", commit ")
                .append(commit)
                .append('\n');
        machineAndSteps(s, machine, settings);
        s.append("Each run's tables: ");
        for (int i = 1; i <= runs.size(); i++) {
            s.append(i == 1 ? "" : ", ")
                    .append("[run ")
                    .append(i)
                    .append("](")
                    .append(BenchmarkRuns.directory(i))
                    .append("/results.md)");
        }
        s.append(".\n\n").append(TargetMedians.table(runs).markdown());
        Files.writeString(file, s.toString().strip() + "\n");
    }

    private static void machineAndSteps(StringBuilder s, MachineInfo machine, BenchSettings settings) {
        s.append(machine.markdownLines());
        s.append("- Steps: ")
                .append(settings.steps().stream().map(String::valueOf).collect(Collectors.joining(", ")))
                .append(" senders, ")
                .append(settings.seconds())
                .append(" s measured each, after a warm-up of at most ")
                .append(settings.warmupSeconds())
                .append(" s; ")
                .append(settings.visitors())
                .append(" visitors\n\n");
    }

    /** A run of the replay measurement alone. */
    static void writeReplayOnly(
            String startedAt, String commit, MachineInfo machine, ReplayResult replay, CatchUp catchUp, Path file)
            throws IOException {
        String s = "# cobrowse-ingest benchmark: replay and catch-up\n\n"
                + "- Run: " + startedAt + ", commit " + commit + '\n'
                + machine.markdownLines() + '\n'
                + replay.table().markdown()
                + (catchUp == null ? "" : "\n" + catchUp.table().markdown());
        Files.writeString(file, s.strip() + "\n");
    }
}
