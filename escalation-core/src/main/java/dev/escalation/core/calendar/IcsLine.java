package dev.escalation.core.calendar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One unfolded iCalendar content line ({@code NAME;PARAM=x:value}) and the physical line it starts on.
 */
record IcsLine(int number, String text) {

    /** Joins folded lines: a line starting with a space or tab continues the previous one without that character. */
    static List<IcsLine> unfold(String icsText) {
        String text = icsText.startsWith("\uFEFF") ? icsText.substring(1) : icsText;
        String[] physical = text.split("\r\n|\r|\n", -1);
        List<IcsLine> lines = new ArrayList<>();
        StringBuilder current = null;
        int currentNumber = 0;
        for (int i = 0; i < physical.length; i++) {
            String line = physical[i];
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation && current != null) {
                current.append(line, 1, line.length());
                continue;
            }
            if (current != null) {
                lines.add(new IcsLine(currentNumber, current.toString()));
            }
            current = new StringBuilder(line);
            currentNumber = i + 1;
        }
        if (current != null) {
            lines.add(new IcsLine(currentNumber, current.toString()));
        }
        return lines;
    }

    boolean isEmpty() {
        return text.isBlank();
    }

    /** The property name in upper case, without parameters. */
    String name() {
        int end = 0;
        while (end < text.length() && text.charAt(end) != ';' && text.charAt(end) != ':') {
            end++;
        }
        return text.substring(0, end).trim().toUpperCase(Locale.ROOT);
    }

    /** Everything after the first colon outside double quotes, since parameter values may quote a colon. */
    String value() {
        int colon = valueColon();
        return colon < 0 ? "" : text.substring(colon + 1).trim();
    }

    boolean hasParameter(String parameter) {
        int colon = valueColon();
        String head = (colon < 0 ? text : text.substring(0, colon)).toUpperCase(Locale.ROOT);
        for (String part : head.split(";")) {
            if (part.equals(parameter)) {
                return true;
            }
        }
        return false;
    }

    /** The value with RFC 5545 text escapes resolved, as SUMMARY uses them. */
    String unescapedValue() {
        String value = value();
        StringBuilder result = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                result.append(next == 'n' || next == 'N' ? '\n' : next);
            } else {
                result.append(c);
            }
        }
        return result.toString();
    }

    IllegalArgumentException error(String problem, String badValue) {
        return new IllegalArgumentException("line " + number + ": " + problem + ": '" + badValue + "'");
    }

    private int valueColon() {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ':' && !quoted) {
                return i;
            }
        }
        return -1;
    }
}
