package dev.escalation.console;

import dev.escalation.core.Require;
import java.time.Instant;

/**
 * One line of a task's timeline: a past step from the audit trail or a step the planner will take.
 *
 * @param at      when it happened or will happen
 * @param planned true for a future step, false for a past one
 * @param what    what happened or will, in words (e.g. {@code "ESCALATED to dora (level 1)"})
 */
public record TimelineLine(Instant at, boolean planned, String what) {

    /**
     * Validates the line.
     *
     * @param at      when it happened or will happen
     * @param planned true for a future step
     * @param what    what happened or will, in words
     * @throws IllegalArgumentException when a value is missing or blank
     */
    public TimelineLine {
        Require.present("at", at);
        Require.text("what", what);
    }
}
