package dev.escalation.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints rows of text as columns two spaces apart, each as wide as its widest cell; the last unpadded. */
final class Table {

    private Table() {}

    static void print(PrintWriter out, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                if (i == columns - 1) {
                    line.append(row.get(i));
                } else {
                    line.append(String.format("%-" + widths[i] + "s  ", row.get(i)));
                }
            }
            out.println(line);
        }
    }
}
