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
            throw new IllegalArgumentException(
                    "a row of '" + title + "' needs " + columns.size() + " cells, but had " + cells.length);
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Adds a line of text below the table. */
    public Table note(String text) {
        notes.add(text);
        return this;
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The section as Markdown: a level-2 heading, the table, each note a paragraph. */
    public String markdown() {
        StringBuilder out = new StringBuilder("## ").append(title).append("\n\n");
        out.append("| ").append(String.join(" | ", columns)).append(" |\n");
        out.append("|").append("---|".repeat(columns.size())).append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        for (String note : notes) {
            out.append('\n').append(note).append('\n');
        }
        return out.toString();
    }
}
