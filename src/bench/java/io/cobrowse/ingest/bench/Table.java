package io.cobrowse.ingest.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One table of the results, its figures already formatted, and the sentences that follow it; the same
 * model is printed as text and written as Markdown, so both show the same figures. A table without
 * columns is only its sentences.
 */
final class Table {

    /** @param unit the second header line in the text ("ms", "%"), empty for none */
    record Column(String name, String unit, boolean leftAligned) {

        static Column right(String name, String unit) {
            return new Column(name, unit, false);
        }

        static Column left(String name) {
            return new Column(name, "", true);
        }

        String markdownHeader() {
            return unit.isEmpty() ? name : name + " " + unit;
        }
    }

    private final String title;
    private final List<Column> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** @param title null for none */
    Table(String title, List<Column> columns) {
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    Table row(List<String> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + columns.size() + " columns");
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    Table note(String sentence) {
        notes.add(sentence);
        return this;
    }

    /** For the terminal: a blank line, the title, the header (name, then unit), a rule, the rows, the notes. */
    String text() {
        StringBuilder s = new StringBuilder("\n");
        if (title != null) {
            s.append(title).append('\n');
        }
        if (!columns.isEmpty()) {
            int[] widths = widths();
            s.append(line(widths, columns.stream().map(Column::name).toList()));
            if (columns.stream().anyMatch(c -> !c.unit().isEmpty())) {
                s.append(line(widths, columns.stream().map(Column::unit).toList()));
            }
            s.append("-".repeat(Arrays.stream(widths).sum() + 3 * (widths.length - 1)))
                    .append('\n');
            rows.forEach(r -> s.append(line(widths, r)));
        }
        notes.forEach(n -> s.append(n).append('\n'));
        return s.toString();
    }

    /** As GitHub-flavoured Markdown: the title as a heading, the table, each note a paragraph. */
    String markdown() {
        StringBuilder s = new StringBuilder();
        if (title != null) {
            s.append("## ").append(title).append("\n\n");
        }
        if (!columns.isEmpty()) {
            s.append(markdownRow(columns.stream().map(Column::markdownHeader).toList()));
            s.append(markdownRow(
                    columns.stream().map(c -> c.leftAligned() ? ":---" : "---:").toList()));
            rows.forEach(r -> s.append(markdownRow(r)));
            s.append('\n');
        }
        notes.forEach(n -> s.append(n).append("\n\n"));
        return s.toString();
    }

    private int[] widths() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(
                    columns.get(i).name().length(), columns.get(i).unit().length());
            for (List<String> r : rows) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        return widths;
    }

    private String line(int[] widths, List<String> cells) {
        List<String> padded = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            String pad = " ".repeat(widths[i] - cells.get(i).length());
            padded.add(columns.get(i).leftAligned() ? cells.get(i) + pad : pad + cells.get(i));
        }
        return String.join(" | ", padded) + '\n';
    }

    private static String markdownRow(List<String> cells) {
        // a pipe inside a cell would end it
        return cells.stream().map(c -> c.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |\n"));
    }
}
