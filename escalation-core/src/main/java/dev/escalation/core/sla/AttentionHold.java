package dev.escalation.core.sla;

import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.Attention;
import java.time.Instant;
import java.util.Optional;

/**
 * What a task's {@link Attention} holds at one evaluation (issue #20), for {@link StepPlanner}. Both
 * holds are in real time and neither moves a step's point on the SLA clock: they only keep steps
 * that fall due meanwhile from firing until the hold ends, when they catch up like after a late run.
 *
 * <ul>
 *   <li>An acknowledgement holds every step for the policy's {@code acknowledge_timeout}; once that
 *       has passed, the evaluation ends the acknowledgement and owes the next step of the chain: the
 *       next level when the deadline has passed (never before it: then the deadline's level comes at
 *       the deadline, as always), or the next re-escalation at the last level.
 *   <li>A snooze holds the reminders, and nothing else, until its end, which the policy's
 *       {@code max_snooze} caps even when the store could not check it.
 * </ul>
 *
 * @param ackUntil   when the standing acknowledgement's window ends; empty when none stands or the policy sets no timeout
 * @param ackHolding whether the acknowledgement holds the steps at this evaluation
 * @param snoozeEnd  until when reminders are held; empty when never snoozed in this cycle
 */
record AttentionHold(Optional<Instant> ackUntil, boolean ackHolding, Optional<Instant> snoozeEnd) {

    static AttentionHold of(SlaPolicy policy, Attention attention, Instant now) {
        Optional<Instant> ackUntil = attention
                .acknowledgedAt()
                .flatMap(at -> policy.acknowledgeTimeout().map(at::plus));
        Optional<Instant> snoozeEnd = attention
                .snoozedUntil()
                .map(until -> policy.maxSnooze()
                        .map(max -> attention.snoozedAt().orElseThrow().plus(max))
                        .filter(cap -> cap.isBefore(until))
                        .orElse(until));
        return new AttentionHold(ackUntil, ackUntil.isPresent() && now.isBefore(ackUntil.get()), snoozeEnd);
    }

    /** {@return whether the acknowledgement's window has passed at this evaluation: it ends now} */
    boolean ackExpired() {
        return ackUntil.isPresent() && !ackHolding;
    }

    /**
     * Whether reminders wait at {@code now}: while acknowledged or snoozed.
     *
     * @param now the evaluation instant
     * @return whether reminders are held
     */
    boolean holdsReminders(Instant now) {
        return ackHolding || snoozeEnd.filter(now::isBefore).isPresent();
    }

    /**
     * The level the task reaches: {@code scheduled} (what SLA time alone makes due), or one above the
     * current level when an expired acknowledgement owes it past the deadline.
     */
    int level(int current, int scheduled, int levels, boolean deadlinePassed) {
        if (ackExpired() && deadlinePassed && current < levels) {
            return Math.max(scheduled, current + 1);
        }
        return scheduled;
    }

    /** The re-escalations applied: {@code scheduled}, or one more when an expired acknowledgement at the last level owes it. */
    int reEscalations(int currentLevel, int current, int scheduled, int levels, int max) {
        if (ackExpired() && levels > 0 && currentLevel >= levels && current < max) {
            return Math.max(scheduled, current + 1);
        }
        return scheduled;
    }

    /** The earliest of two instants, either possibly absent. */
    static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isBefore(a.get()) ? b : a;
    }

    /** The later of an instant and the snooze's end, for the next reminder. */
    Instant notBeforeSnoozeEnd(Instant reminderAt) {
        return snoozeEnd.filter(reminderAt::isBefore).orElse(reminderAt);
    }
}
