package dev.escalation.notify.template;

import dev.escalation.core.Require;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.WorkflowTask;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The task attributes a template may show, with the values of sensitive ones already replaced:
 * an attribute that the task's policy marks sensitive ({@link SlaPolicy#sensitiveAttributes()})
 * renders as {@code [<name> redacted]}, as in the engine's own logs and audit. This is the only way
 * attribute values reach a template. Immutable.
 */
public final class TemplateAttributes {

    private static final TemplateAttributes NONE = new TemplateAttributes(Map.of());

    private final Map<String, String> shown;

    private TemplateAttributes(Map<String, String> shown) {
        this.shown = Map.copyOf(shown);
    }

    /**
     * No attributes: every {@code {attribute.<name>}} renders empty.
     *
     * @return the empty attributes
     */
    public static TemplateAttributes none() {
        return NONE;
    }

    /**
     * The task's attributes as its policy allows them to be shown.
     *
     * @param task the task
     * @param policy the task's policy; empty when unknown, and then every attribute counts as sensitive
     * @return the attributes
     * @throws IllegalArgumentException if an argument is null
     */
    public static TemplateAttributes of(WorkflowTask task, Optional<SlaPolicy> policy) {
        Require.present("task", task);
        Require.present("policy", policy);
        Map<String, String> shown = new TreeMap<>();
        task.attributes().forEach((name, value) -> {
            boolean sensitive =
                    policy.map(p -> p.sensitiveAttributes().contains(name)).orElse(true);
            shown.put(name, sensitive ? "[" + name + " redacted]" : value);
        });
        return new TemplateAttributes(shown);
    }

    /**
     * The value a template shows for an attribute.
     *
     * @param name the attribute name
     * @return the value, {@code [<name> redacted]} for a sensitive one, or empty text when the task has none
     */
    public String get(String name) {
        return shown.getOrDefault(name, "");
    }
}
