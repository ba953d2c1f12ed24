package dev.escalation.jdbc;

/**
 * Values in the text format of PostgreSQL's {@code COPY ... FROM STDIN}: columns separated by a tab,
 * rows ended by a newline, SQL NULL as {@code \N}. A backslash, a newline, a carriage return and a
 * tab inside a value are written as backslash escapes, so that no value can end its column or its row,
 * or read as NULL ({@code "\N"} as text becomes {@code \\N}), or as the end-of-data marker
 * ({@code \.}). Every other character, JSON's quotes and any Unicode, goes as it is: the driver
 * sends the text in the connection's encoding (UTF-8 with pgjdbc).
 */
final class CopyText {

    private CopyText() {}

    /** Appends {@code value} (null for NULL), escaped, without a separator. */
    static void append(StringBuilder row, String value) {
        if (value == null) {
            row.append("\\N");
            return;
        }
        int plain = 0;
        while (plain < value.length() && !special(value.charAt(plain))) {
            plain++;
        }
        if (plain == value.length()) {
            // Nearly every value: nothing to escape, appended at once.
            row.append(value);
            return;
        }
        row.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> row.append("\\\\");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                case '\t' -> row.append("\\t");
                default -> row.append(ch);
            }
        }
    }

    private static boolean special(char ch) {
        return ch == '\\' || ch == '\n' || ch == '\r' || ch == '\t';
    }
}
