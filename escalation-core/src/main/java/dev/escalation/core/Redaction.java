package dev.escalation.core;

import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.WorkflowTask;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Removes the values of a task's sensitive attributes from text the engine writes about the task:
 * failure reasons, audit details, log messages. Which attributes are sensitive says the task's
 * policy ({@link SlaPolicy#sensitiveAttributes()}); when the policy is unknown (its resolver
 * failed), every attribute counts as sensitive. Text from host code - a target resolver's
 * exception, say - may quote a task's data, so it passes through here before it is written.
 * Internal: may change at any time.
 */
final class Redaction {

    private final Map<String, String> values;

    private Redaction(Map<String, String> values) {
        this.values = values;
    }

    /** The redaction for {@code task} under {@code policy}, or under an unknown policy when empty. */
    static Redaction of(Optional<SlaPolicy> policy, WorkflowTask task) {
        Map<String, String> values = new LinkedHashMap<>();
        task.attributes().forEach((name, value) -> {
            if (!value.isEmpty()
                    && policy.map(p -> p.sensitiveAttributes().contains(name)).orElse(true)) {
                values.put(name, value);
            }
        });
        return new Redaction(values);
    }

    /** {@code text} with every sensitive value replaced by {@code [<name> redacted]}. */
    String apply(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            redacted = redacted.replace(e.getValue(), "[" + e.getKey() + " redacted]");
        }
        return redacted;
    }

    /** Whether a sensitive value appears anywhere in the throwable's messages or those of its causes. */
    boolean reveals(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = String.valueOf(t);
            if (!apply(text).equals(text)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (reveals(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
