package dev.escalation.core.task;

import dev.escalation.core.policy.PolicyVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far one named goal of a task has come in the current escalation cycle: the same counters as
 * a task of one goal ({@link EscalationState}), and when the goal was met.
 *
 * @param warnedAt        when the goal's warning step was applied
 * @param remindersSent   how many of the goal's reminders have been applied
 * @param level           the goal's escalation level, 0 before its first escalation
 * @param lastEscalatedAt when the goal's level last changed or was re-escalated
 * @param reEscalations   how many re-escalations of the goal's last level have been applied
 * @param breachedAt      when the engine first found the goal past its deadline
 * @param warningAt       the goal's warning point at the last evaluation
 * @param deadline        the goal's deadline at the last evaluation
 * @param nextCheckAt     the next instant at which anything can happen to the goal; empty once met
 * @param metAt           when the goal was met; empty while it is open
 * @param warningsSent    how many of the goal's warning thresholds have been applied; 0 with {@code warnedAt}
 *                        present counts as 1, as a goal warned before goals could have several thresholds was
 */
public record GoalProgress(
        Optional<Instant> warnedAt,
        int remindersSent,
        int level,
        Optional<Instant> lastEscalatedAt,
        int reEscalations,
        Optional<Instant> breachedAt,
        Optional<Instant> warningAt,
        Optional<Instant> deadline,
        Optional<Instant> nextCheckAt,
        Optional<Instant> metAt,
        int warningsSent) {

    /** A goal nothing has happened to yet. */
    public static final GoalProgress NONE = new GoalProgress(
            Optional.empty(),
            0,
            0,
            Optional.empty(),
            0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0);

    /**
     * Validates the progress.
     *
     * @param warnedAt        when the goal's warning step was applied
     * @param remindersSent   how many of the goal's reminders have been applied
     * @param level           the goal's escalation level, 0 before its first escalation
     * @param lastEscalatedAt when the goal's level last changed or was re-escalated
     * @param reEscalations   how many re-escalations of the goal's last level have been applied
     * @param breachedAt      when the engine first found the goal past its deadline
     * @param warningAt       the goal's warning point at the last evaluation
     * @param deadline        the goal's deadline at the last evaluation
     * @param nextCheckAt     the next instant at which anything can happen to the goal
     * @param metAt           when the goal was met; empty while it is open
     * @param warningsSent    how many of the goal's warning thresholds have been applied; 0 with {@code warnedAt}
     *                        present counts as 1
     * @throws IllegalArgumentException when a counter is negative
     * @throws NullPointerException when an {@code Optional} is null
     */
    public GoalProgress {
        Objects.requireNonNull(warnedAt, "warnedAt");
        Objects.requireNonNull(lastEscalatedAt, "lastEscalatedAt");
        Objects.requireNonNull(breachedAt, "breachedAt");
        Objects.requireNonNull(warningAt, "warningAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(nextCheckAt, "nextCheckAt");
        Objects.requireNonNull(metAt, "metAt");
        if (remindersSent < 0 || level < 0 || reEscalations < 0 || warningsSent < 0) {
            throw new IllegalArgumentException("goal counters must not be negative, but were remindersSent="
                    + remindersSent + ", level=" + level + ", reEscalations=" + reEscalations + ", warningsSent="
                    + warningsSent);
        }
        // A goal warned before goals could have several thresholds (a book of ten values) had its one warning.
        if (warningsSent == 0 && warnedAt.isPresent()) {
            warningsSent = 1;
        }
    }

    /**
     * Progress with the count of applied warning thresholds that {@code warnedAt} implies (1 when warned, else
     * 0), as progress was before a goal could have several thresholds.
     *
     * @param warnedAt        when the goal's warning step was applied
     * @param remindersSent   how many of the goal's reminders have been applied
     * @param level           the goal's escalation level, 0 before its first escalation
     * @param lastEscalatedAt when the goal's level last changed or was re-escalated
     * @param reEscalations   how many re-escalations of the goal's last level have been applied
     * @param breachedAt      when the engine first found the goal past its deadline
     * @param warningAt       the goal's warning point at the last evaluation
     * @param deadline        the goal's deadline at the last evaluation
     * @param nextCheckAt     the next instant at which anything can happen to the goal
     * @param metAt           when the goal was met; empty while it is open
     * @throws IllegalArgumentException when a counter is negative
     * @throws NullPointerException when an {@code Optional} is null
     */
    public GoalProgress(
            Optional<Instant> warnedAt,
            int remindersSent,
            int level,
            Optional<Instant> lastEscalatedAt,
            int reEscalations,
            Optional<Instant> breachedAt,
            Optional<Instant> warningAt,
            Optional<Instant> deadline,
            Optional<Instant> nextCheckAt,
            Optional<Instant> metAt) {
        this(
                warnedAt,
                remindersSent,
                level,
                lastEscalatedAt,
                reEscalations,
                breachedAt,
                warningAt,
                deadline,
                nextCheckAt,
                metAt,
                0);
    }

    /**
     * The progress that a goal's plan left in {@code state}.
     *
     * @param state the goal's state after its plan, as a task of one goal would have it
     * @param metAt when the goal was met, if it was
     * @return the progress
     */
    public static GoalProgress of(EscalationState state, Optional<Instant> metAt) {
        return new GoalProgress(
                state.warnedAt(),
                state.remindersSent(),
                state.level(),
                state.lastEscalatedAt(),
                state.reEscalations(),
                state.breachedAt(),
                state.warningAt(),
                state.deadline(),
                metAt.isPresent() ? Optional.empty() : state.nextCheckAt(),
                metAt,
                state.warningsSent());
    }

    /**
     * The goal's progress as the state of a task of one goal, so that the planner of such tasks plans it: with
     * the count of applied warning thresholds, so that each of the goal's thresholds is applied once.
     *
     * @param cycle  the task's escalation cycle
     * @param policy the policy version to record
     * @return the state
     */
    public EscalationState asState(int cycle, Optional<PolicyVersion> policy) {
        return new EscalationState(
                cycle,
                warnedAt,
                remindersSent,
                level,
                lastEscalatedAt,
                reEscalations,
                breachedAt,
                warningAt,
                deadline,
                nextCheckAt,
                policy,
                Attention.NONE,
                warningsSent);
    }

    /**
     * Whether the goal has been met.
     *
     * @return whether {@link #metAt()} is present
     */
    public boolean met() {
        return metAt.isPresent();
    }

    /**
     * This progress, met at {@code at}: nothing is scheduled for it any more.
     *
     * @param at when the goal was met
     * @return the met progress
     */
    public GoalProgress metAt(Instant at) {
        return new GoalProgress(
                warnedAt,
                remindersSent,
                level,
                lastEscalatedAt,
                reEscalations,
                breachedAt,
                warningAt,
                deadline,
                Optional.empty(),
                Optional.of(at),
                warningsSent);
    }
}
