package dev.escalation.core.sla;

import java.util.Objects;

/**
 * Consecutive steps of one kind that a late run skips, from {@code first} to {@code last}
 * inclusive: one audit entry stands for all of them, so a run's work does not grow with how late
 * it is. Each step keeps its own identity; {@link #count()} says how many there are.
 *
 * @param first the earliest skipped step
 * @param last  the latest skipped step: same task, cycle and kind, an ordinal not below {@code first}'s
 */
public record SkippedSteps(StepKey first, StepKey last) {

    /**
     * Validates the range.
     *
     * @param first the earliest skipped step
     * @param last  the latest skipped step
     * @throws IllegalArgumentException when the steps belong to different tasks, cycles or kinds, or
     *         {@code last} comes before {@code first}
     */
    public SkippedSteps {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (!first.taskId().equals(last.taskId())
                || first.cycle() != last.cycle()
                || first.kind() != last.kind()
                || first.ordinal() > last.ordinal()) {
            throw new IllegalArgumentException(
                    "skipped steps must run from one step to a later one of the same task, cycle and kind, but were "
                            + first + " to " + last);
        }
    }

    /**
     * How many steps the range holds.
     *
     * @return {@code last.ordinal() - first.ordinal() + 1}
     */
    public int count() {
        return last.ordinal() - first.ordinal() + 1;
    }
}
