package dev.escalation.core.audit;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AuditSink} guarded as a mirror: an exception the sink throws is logged with the number
 * of entries it missed and otherwise ignored, so a failing mirror can never fail the change it
 * mirrors; the entries stay in the repository's trail. Stores hand their entries to it after
 * storing them. Thread-safe if the sink is.
 *
 * <p>The log shows the sink's exception classes and stack frames, causes included, but none of
 * their messages: the mirror cannot know which task data they quote, nor which of it the task's
 * policy calls sensitive, so it treats every message as sensitive.
 *
 * <pre>{@code
 * AuditMirror mirror = AuditMirror.of(siemShipper);
 * mirror.append(storedEntries);   // never throws
 * }</pre>
 */
public final class AuditMirror {

    private static final Logger LOG = LoggerFactory.getLogger(AuditMirror.class);

    private final AuditSink sink;

    private AuditMirror(AuditSink sink) {
        this.sink = sink;
    }

    /**
     * Guards {@code sink}.
     *
     * @param sink the sink to guard
     * @return the guarded mirror
     */
    public static AuditMirror of(AuditSink sink) {
        return new AuditMirror(Objects.requireNonNull(sink, "sink"));
    }

    /**
     * Hands {@code entries} to the sink; logs and swallows what it throws.
     *
     * @param entries the entries just stored, in order
     */
    public void append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            sink.append(entries);
        } catch (Exception e) {
            LOG.error(
                    "audit mirror {} failed for {} entries; they stay in the repository's trail, the mirror misses them",
                    sink,
                    entries.size(),
                    withoutMessages(e, 0));
        }
    }

    /** A copy of {@code failure} and its causes with their class names and stack frames, and no message. */
    private static Throwable withoutMessages(Throwable failure, int depth) {
        Throwable cause = failure.getCause();
        MessageWithheld copy = new MessageWithheld(
                failure.getClass().getName(),
                cause == null || cause == failure || depth > 32 ? null : withoutMessages(cause, depth + 1));
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    /** Prints as the class it copies, with its message withheld. */
    private static final class MessageWithheld extends RuntimeException {

        private static final long serialVersionUID = 1L;
        private final String originalClass;

        MessageWithheld(String originalClass, Throwable cause) {
            super("(message withheld: it may quote sensitive task data)", cause);
            this.originalClass = originalClass;
        }

        @Override
        public String toString() {
            return originalClass + ": " + getMessage();
        }
    }
}
