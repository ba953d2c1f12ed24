package dev.escalation.core;

import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.WorkflowTask;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Removes the values of a task's sensitive attributes from text the engine writes about the task:
 * failure reasons, audit details, outbox errors, log messages and stack traces, listener events.
 * Which attributes are sensitive says the task's policy ({@link SlaPolicy#sensitiveAttributes()});
 * when the policy is unknown (its resolver failed), every attribute counts as sensitive. Text from
 * host code - a notifier's or a target resolver's exception, say - may quote a task's data, so it
 * passes through here before it is written. A run also keeps one redaction of every task it has
 * read ({@link #absorb}), for failures that belong to no single task (a repository, a listener).
 * Internal: may change at any time.
 */
final class Redaction {

    /** How deep a cause chain is copied; deeper causes are cut off rather than printed unredacted. */
    private static final int MAX_CAUSES = 32;

    /** Sensitive value to the name of its attribute. */
    private final Map<String, String> values;

    private Redaction(Map<String, String> values) {
        this.values = values;
    }

    /** A redaction that knows no value yet; a run fills it with {@link #absorb}. */
    static Redaction collecting() {
        return new Redaction(new LinkedHashMap<>());
    }

    /** The redaction for {@code task} under {@code policy}, or under an unknown policy when empty. */
    static Redaction of(Optional<SlaPolicy> policy, WorkflowTask task) {
        Map<String, String> values = new LinkedHashMap<>();
        task.attributes().forEach((name, value) -> {
            if (!value.isEmpty()
                    && policy.map(p -> p.sensitiveAttributes().contains(name)).orElse(true)) {
                values.put(value, name);
            }
        });
        return new Redaction(values);
    }

    /** Adds the values {@code other} redacts to this one's; only for a run's own collecting redaction. */
    synchronized Redaction absorb(Redaction other) {
        values.putAll(other.values);
        return this;
    }

    /** {@code text} with every sensitive value replaced by {@code [<name> redacted]}. */
    synchronized String apply(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String redacted = text;
        for (Map.Entry<String, String> e : values.entrySet()) {
            redacted = redacted.replace(e.getKey(), "[" + e.getValue() + " redacted]");
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

    /**
     * {@code failure} itself when it reveals nothing, otherwise a copy to log and hand on in its
     * place: the same class names, stack frames, causes and suppressed exceptions, each message
     * redacted. Logs keep their stack traces; no {@code Caused by} line quotes a sensitive value.
     */
    Throwable scrub(Throwable failure) {
        return failure == null || !reveals(failure) ? failure : copy(failure, 0);
    }

    private Throwable copy(Throwable t, int depth) {
        Throwable cause =
                t.getCause() == null || t.getCause() == t || depth >= MAX_CAUSES ? null : copy(t.getCause(), depth + 1);
        RedactedFailure copy = new RedactedFailure(t.getClass().getName(), apply(t.getMessage()), cause);
        copy.setStackTrace(t.getStackTrace());
        if (depth < MAX_CAUSES) {
            for (Throwable suppressed : t.getSuppressed()) {
                copy.addSuppressed(copy(suppressed, depth + 1));
            }
        }
        return copy;
    }

    /** A redacted copy of a host exception; prints as the original class with the redacted message. */
    static final class RedactedFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final String originalClass;

        RedactedFailure(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        /** The class of the exception this copies. */
        String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
