package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.infra.Directories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The whole benchmark, bench.runs times over, each run from a fresh service and baselines (and PostgreSQL and Kafka,
 * unless the environment names them) into a folder of its own; then the targets' medians, printed and written to
 * results.md.
 */
final class BenchmarkRuns {

    /**
     * One whole run, its results written into the folder given and headed by which run of all it is ("run 2 of
     * 3"); returns the targets it measured.
     */
    interface OneRun {
        List<Target> run(Path dir, String runOf) throws Exception;
    }

    private BenchmarkRuns() {}

    static void run(BenchSettings settings, Path out, OneRun oneRun) throws Exception {
        String startedAt = Benchmark.now();
        String commit = GitCommit.read();
        MachineInfo machine = MachineInfo.read();
        // an earlier invocation's summary and runs must not pass for this one's, should a run fail
        Files.deleteIfExists(out.resolve("results.md"));
        for (int i = 1; Files.exists(out.resolve(directory(i))); i++) {
            Directories.deleteRecursively(out.resolve(directory(i)));
        }
        List<List<Target>> runs = new ArrayList<>();
        for (int i = 1; i <= settings.runs(); i++) {
            Path dir = Files.createDirectories(out.resolve(directory(i)));
            System.out.printf(Locale.ROOT, "%nRun %d of %d, results in %s%n", i, settings.runs(), dir);
            runs.add(oneRun.run(dir, String.format(Locale.ROOT, "run %d of %d", i, settings.runs())));
        }
        System.out.print(TargetMedians.table(runs).text());
        Path file = out.resolve("results.md");
        ResultMarkdown.writeRuns(startedAt, Benchmark.now(), commit, machine, settings, runs, file);
        System.out.println("Medians as Markdown: " + file);
    }

    /** The folder of the i-th run, inside target/benchmark. */
    static String directory(int i) {
        return "run-" + i;
    }
}
