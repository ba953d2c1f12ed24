package dev.escalation.core.task;

import dev.escalation.core.policy.PolicyVersion;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a task has come along its policy's steps in the current escalation cycle.
 *
 * <p>The state only moves forward within a cycle: the warning is sent once, the reminder count
 * and the escalation level never decrease. When the host reassigns the task or moves it to another
 * stage, a new cycle starts from {@link #initial(int)} and the steps of the old cycle are history.
 *
 * @param cycle          increments each time the host restarts escalation; part of every step's key
 * @param warnedAt       when the warning step was applied (sent or skipped)
 * @param remindersSent  how many reminder ordinals have been applied
 * @param level          the current escalation level, 0 before the first escalation
 * @param lastEscalatedAt when the level last changed or was re-escalated
 * @param reEscalations  how many re-escalations at the last level have been applied
 * @param breachedAt     when the engine first found the task past its deadline in this cycle
 * @param warningAt      the warning point computed at the last evaluation, if the policy warns; lets a repository count near breaches
 * @param deadline       the deadline computed at the last evaluation, if any; lets a repository count breaches cheaply
 * @param nextCheckAt    the next instant at which anything can happen to the task; empty when nothing ever will
 * @param policy         the policy id and version the engine last planned the task under; empty before its first plan
 *                       (and on tasks stored before schema V2)
 * @param attention      who acknowledged the task and until when its reminders are snoozed; {@link Attention#NONE}
 *                       on a fresh cycle (and on tasks stored before schema V6)
 * @param warningsSent   how many of the policy's warning thresholds have been applied (sent or skipped); a warned
 *                       state counts at least 1, as every task warned before thresholds existed does
 */
public record EscalationState(
        int cycle,
        Optional<Instant> warnedAt,
        int remindersSent,
        int level,
        Optional<Instant> lastEscalatedAt,
        int reEscalations,
        Optional<Instant> breachedAt,
        Optional<Instant> warningAt,
        Optional<Instant> deadline,
        Optional<Instant> nextCheckAt,
        Optional<PolicyVersion> policy,
        Attention attention,
        int warningsSent) {

    /**
     * Validates the state.
     *
     * @param cycle           increments each time the host restarts escalation; part of every step's key
     * @param warnedAt        when the warning step was applied (sent or skipped)
     * @param remindersSent   how many reminder ordinals have been applied
     * @param level           the current escalation level, 0 before the first escalation
     * @param lastEscalatedAt when the level last changed or was re-escalated
     * @param reEscalations   how many re-escalations at the last level have been applied
     * @param breachedAt      when the engine first found the task past its deadline in this cycle
     * @param warningAt       the warning point computed at the last evaluation, if the policy warns; lets a repository count near breaches
     * @param deadline        the deadline computed at the last evaluation, if any; lets a repository count breaches cheaply
     * @param nextCheckAt     the next instant at which anything can happen to the task; empty when nothing ever will
     * @param policy          the policy id and version the engine last planned the task under; empty before its first plan
     * @param attention       who acknowledged the task and until when its reminders are snoozed
     * @param warningsSent    how many warning thresholds have been applied; 0 with {@code warnedAt} present counts as 1
     * @throws IllegalArgumentException when a counter is negative
     * @throws NullPointerException when an instant's {@code Optional} or the attention is null
     */
    public EscalationState {
        Objects.requireNonNull(warnedAt, "warnedAt");
        Objects.requireNonNull(lastEscalatedAt, "lastEscalatedAt");
        Objects.requireNonNull(breachedAt, "breachedAt");
        Objects.requireNonNull(warningAt, "warningAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(nextCheckAt, "nextCheckAt");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(attention, "attention");
        if (cycle < 0 || remindersSent < 0 || level < 0 || reEscalations < 0 || warningsSent < 0) {
            throw new IllegalArgumentException("escalation counters must not be negative, but were cycle=" + cycle
                    + ", remindersSent=" + remindersSent + ", level=" + level + ", reEscalations=" + reEscalations
                    + ", warningsSent=" + warningsSent);
        }
        // A task warned before thresholds existed (or stored by a store that keeps no count) had its one warning.
        if (warningsSent == 0 && warnedAt.isPresent()) {
            warningsSent = 1;
        }
    }

    /**
     * A state neither acknowledged nor snoozed, as every state was before acknowledgements (issue #20).
     *
     * @param cycle           increments each time the host restarts escalation; part of every step's key
     * @param warnedAt        when the warning step was applied (sent or skipped)
     * @param remindersSent   how many reminder ordinals have been applied
     * @param level           the current escalation level, 0 before the first escalation
     * @param lastEscalatedAt when the level last changed or was re-escalated
     * @param reEscalations   how many re-escalations at the last level have been applied
     * @param breachedAt      when the engine first found the task past its deadline in this cycle
     * @param warningAt       the warning point computed at the last evaluation, if the policy warns
     * @param deadline        the deadline computed at the last evaluation, if any
     * @param nextCheckAt     the next instant at which anything can happen to the task; empty when nothing ever will
     * @param policy          the policy id and version the engine last planned the task under; empty before its first plan
     * @throws IllegalArgumentException when a counter is negative
     * @throws NullPointerException when an instant's {@code Optional} is null
     */
    public EscalationState(
            int cycle,
            Optional<Instant> warnedAt,
            int remindersSent,
            int level,
            Optional<Instant> lastEscalatedAt,
            int reEscalations,
            Optional<Instant> breachedAt,
            Optional<Instant> warningAt,
            Optional<Instant> deadline,
            Optional<Instant> nextCheckAt,
            Optional<PolicyVersion> policy) {
        this(
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
                0);
    }

    /**
     * A state with the count of applied warning thresholds that {@code warnedAt} implies (1 when warned, else 0),
     * as states were before a policy could have several thresholds.
     *
     * @param cycle           increments each time the host restarts escalation; part of every step's key
     * @param warnedAt        when the first warning step was applied (sent or skipped)
     * @param remindersSent   how many reminder ordinals have been applied
     * @param level           the current escalation level, 0 before the first escalation
     * @param lastEscalatedAt when the level last changed or was re-escalated
     * @param reEscalations   how many re-escalations at the last level have been applied
     * @param breachedAt      when the engine first found the task past its deadline in this cycle
     * @param warningAt       the warning point computed at the last evaluation, if the policy warns
     * @param deadline        the deadline computed at the last evaluation, if any
     * @param nextCheckAt     the next instant at which anything can happen to the task; empty when nothing ever will
     * @param policy          the policy id and version the engine last planned the task under; empty before its first plan
     * @param attention       who acknowledged the task and until when its reminders are snoozed
     * @throws IllegalArgumentException when a counter is negative
     * @throws NullPointerException when an instant's {@code Optional} or the attention is null
     */
    public EscalationState(
            int cycle,
            Optional<Instant> warnedAt,
            int remindersSent,
            int level,
            Optional<Instant> lastEscalatedAt,
            int reEscalations,
            Optional<Instant> breachedAt,
            Optional<Instant> warningAt,
            Optional<Instant> deadline,
            Optional<Instant> nextCheckAt,
            Optional<PolicyVersion> policy,
            Attention attention) {
        this(
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
                attention,
                0);
    }

    /**
     * A state that records no policy version yet, as a task's state is before the engine first plans it.
     *
     * @param cycle           increments each time the host restarts escalation; part of every step's key
     * @param warnedAt        when the warning step was applied (sent or skipped)
     * @param remindersSent   how many reminder ordinals have been applied
     * @param level           the current escalation level, 0 before the first escalation
     * @param lastEscalatedAt when the level last changed or was re-escalated
     * @param reEscalations   how many re-escalations at the last level have been applied
     * @param breachedAt      when the engine first found the task past its deadline in this cycle
     * @param warningAt       the warning point computed at the last evaluation, if the policy warns
     * @param deadline        the deadline computed at the last evaluation, if any
     * @param nextCheckAt     the next instant at which anything can happen to the task; empty when nothing ever will
     * @throws IllegalArgumentException when a counter is negative
     * @throws NullPointerException when an instant's {@code Optional} is null
     */
    public EscalationState(
            int cycle,
            Optional<Instant> warnedAt,
            int remindersSent,
            int level,
            Optional<Instant> lastEscalatedAt,
            int reEscalations,
            Optional<Instant> breachedAt,
            Optional<Instant> warningAt,
            Optional<Instant> deadline,
            Optional<Instant> nextCheckAt) {
        this(
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
                Optional.empty());
    }

    /**
     * The state of a fresh cycle that is due for evaluation at {@code checkAt}.
     *
     * @param cycle   the cycle's number
     * @param checkAt when the task is due for evaluation
     * @return the state
     */
    public static EscalationState initial(int cycle, Instant checkAt) {
        return new EscalationState(
                cycle,
                Optional.empty(),
                0,
                0,
                Optional.empty(),
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(checkAt));
    }

    /**
     * The state of a fresh cycle with nothing scheduled.
     *
     * @param cycle the cycle's number
     * @return the state
     */
    public static EscalationState initial(int cycle) {
        return new EscalationState(
                cycle,
                Optional.empty(),
                0,
                0,
                Optional.empty(),
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * Whether the warning step has been applied in this cycle.
     *
     * @return whether the task was warned
     */
    public boolean warned() {
        return warnedAt.isPresent();
    }

    /**
     * Whether the engine has found the task past its deadline in this cycle.
     *
     * @return whether the task breached its SLA
     */
    public boolean breached() {
        return breachedAt.isPresent();
    }

    /**
     * This state, due for evaluation at {@code next} (or never, when empty).
     *
     * @param next the next check, or empty for none
     * @return a copy of this state with that next check
     */
    public EscalationState withNextCheckAt(Optional<Instant> next) {
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
                next,
                policy,
                attention,
                warningsSent);
    }

    /**
     * This state, recorded as planned under {@code value} (or under none, when empty).
     *
     * @param value the policy id and version
     * @return a copy of this state with that policy version
     */
    public EscalationState withPolicy(Optional<PolicyVersion> value) {
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
                value,
                attention,
                warningsSent);
    }

    /**
     * This state with {@code value} as who acknowledged it and until when it is snoozed.
     *
     * @param value the attention
     * @return a copy of this state with that attention
     */
    public EscalationState withAttention(Attention value) {
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
                value,
                warningsSent);
    }
}
