package io.cobrowse.ingest.bench;

import io.cobrowse.ingest.bench.Table.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets over several runs: each run's figure and their median, which is what is judged against the goal.
 * One run on a shared machine can land far from the others; the median of three does not follow it.
 */
final class TargetMedians {

    private TargetMedians() {}

    /** Each target's median over the runs that measured it, in the order the runs name the targets. */
    static List<Target> medians(List<List<Target>> runs) {
        Map<String, List<Target>> byWhat = new LinkedHashMap<>();
        runs.forEach(run -> run.forEach(
                t -> byWhat.computeIfAbsent(t.what(), k -> new ArrayList<>()).add(t)));
        return byWhat.values().stream()
                .map(measured -> {
                    Target first = measured.get(0);
                    double median =
                            median(measured.stream().map(Target::measured).toList());
                    return new Target(first.what(), median, first.goal(), first.atMost());
                })
                .toList();
    }

    /** The middle value; of an even number of values, the mean of the two in the middle. */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static Table table(List<List<Target>> runs) {
        List<Column> columns = new ArrayList<>();
        columns.add(Column.left("target"));
        for (int i = 1; i <= runs.size(); i++) {
            columns.add(Column.right("run " + i, ""));
        }
        columns.add(Column.right("median", ""));
        columns.add(Column.right("goal", ""));
        columns.add(Column.right("median / goal", ""));
        columns.add(Column.left(""));
        Table t = new Table("Targets, medians of " + runs.size() + " runs", columns);
        for (Target median : medians(runs)) {
            List<String> cells = new ArrayList<>();
            cells.add(median.what());
            for (List<Target> run : runs) {
                cells.add(run.stream()
                        .filter(r -> r.what().equals(median.what()))
                        .findFirst()
                        .map(r -> Target.number(r.measured()))
                        .orElse("-"));
            }
            cells.add(Target.number(median.measured()));
            cells.add(median.bound());
            cells.add(median.ofGoal());
            cells.add(median.verdict());
            t.row(cells);
        }
        return t.note("Each run started its own service and baselines (and its own PostgreSQL and Kafka, unless the"
                + " environment named them); a target is judged on its median, a target a run could not measure on"
                + " the median of the others.");
    }
}
