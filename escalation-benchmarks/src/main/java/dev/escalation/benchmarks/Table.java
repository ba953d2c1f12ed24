package dev.escalation.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** One section of the report: a heading, a Markdown table and notes below it. */
public final class Table {

    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public Table(String title, String... columns) {
        this.title = title;
        this.columns = List.of(columns);
    }

    /** Adds a row; one cell per column. */
    public Table row(String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("a row of '" + title + "' needs " + columns.size() + " cells, but had " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Adds a line of text below the table. */
    public Table note(String text) {
        notes.add(text);
        return this;
    }

    public String title() {
        return title;
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The cell of the first row whose first cell starts with {@code rowLabel}, in the named column. */
    public String cell(String rowLabel, String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("'" + title + "' has no column '" + column + "'; it has " + columns);
        }
        return rows.stream().filter(row -> row.get(0).startsWith(rowLabel)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + title + "' has no row '" + rowLabel + "'"))
                .get(index);
    }

    public String markdown() {
        StringBuilder out = new StringBuilder("## ").append(title).append("\n\n");
        out.append("| ").append(String.join(" | ", columns)).append(" |\n");
        out.append("|").append("---|".repeat(columns.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        if (!notes.isEmpty()) {
            out.append('\n');
            notes.forEach(note -> out.append(note).append('\n'));
        }
        return out.toString();
    }
}
