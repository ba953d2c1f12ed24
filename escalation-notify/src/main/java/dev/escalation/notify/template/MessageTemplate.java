package dev.escalation.notify.template;

import dev.escalation.core.Require;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A text with {@code {placeholder}} names, no more: {@code "Task {taskId} is overdue"}. The names
 * are checked when the template is made, so a typo fails at start-up rather than in a message.
 * {@code {{}} and {@code }}} stand for literal braces.
 *
 * <p>Names: {@code type}, {@code taskId}, {@code workflowType}, {@code stage}, {@code level},
 * {@code deadline} (in the recipient's zone), {@code recipient}, {@code tenant}, {@code message},
 * {@code idempotencyKey} and {@code attribute.<name>} for a task attribute, which goes through
 * {@link TemplateAttributes} so that a sensitive value never reaches a message. Immutable.
 */
public final class MessageTemplate {

    /** The placeholder names a template may use besides {@code attribute.<name>}. */
    public static final Set<String> NAMES = Set.of(
            "type",
            "taskId",
            "workflowType",
            "stage",
            "level",
            "deadline",
            "recipient",
            "tenant",
            "message",
            "idempotencyKey");

    static final String ATTRIBUTE = "attribute.";

    private final String source;
    private final List<String> literals;
    private final List<String> names;

    private MessageTemplate(String source, List<String> literals, List<String> names) {
        this.source = source;
        this.literals = List.copyOf(literals);
        this.names = List.copyOf(names);
    }

    /**
     * Parses a template.
     *
     * @param source the text with {@code {name}} placeholders
     * @return the template
     * @throws IllegalArgumentException naming the placeholder or the position when a name is unknown
     *     or a brace is not closed
     */
    public static MessageTemplate of(String source) {
        Require.present("template", source);
        List<String> literals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < source.length() && source.charAt(i + 1) == c) {
                literal.append(c);
                i += 2;
            } else if (c == '{') {
                int end = source.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException(
                            "template has a { at position " + i + " that is not closed: " + source);
                }
                String name = source.substring(i + 1, end).trim();
                if (!NAMES.contains(name) && !(name.startsWith(ATTRIBUTE) && name.length() > ATTRIBUTE.length())) {
                    throw new IllegalArgumentException("template placeholder {" + name + "} is unknown; use one of "
                            + new java.util.TreeSet<>(NAMES) + " or attribute.<name>: " + source);
                }
                literals.add(literal.toString());
                literal.setLength(0);
                names.add(name);
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("template has a } at position " + i + " without its {: " + source);
            } else {
                literal.append(c);
                i++;
            }
        }
        literals.add(literal.toString());
        return new MessageTemplate(source, literals, names);
    }

    /**
     * The text with each placeholder replaced by its value.
     *
     * @param values the value of each placeholder name
     * @return the rendered text
     */
    public String render(UnaryOperator<String> values) {
        StringBuilder out = new StringBuilder(literals.get(0));
        for (int i = 0; i < names.size(); i++) {
            out.append(values.apply(names.get(i))).append(literals.get(i + 1));
        }
        return out.toString();
    }

    /**
     * The placeholder names used, in order.
     *
     * @return the names
     */
    public List<String> placeholders() {
        return names;
    }

    @Override
    public String toString() {
        return source;
    }
}
