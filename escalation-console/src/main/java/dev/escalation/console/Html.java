package dev.escalation.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** HTML text from untrusted values: every value a backend or a request gives goes through here. */
final class Html {

    private Html() {}

    /** Text safe in element content and in quoted attribute values. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A query parameter value, percent-encoded and then escaped for an attribute. */
    static String param(String value) {
        return text(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
