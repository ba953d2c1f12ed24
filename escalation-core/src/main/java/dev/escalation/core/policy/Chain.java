package dev.escalation.core.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The escalation chain of a policy: the levels a breached task climbs, then re-escalation at the
 * last level. Level <i>n</i> falls due at {@code deadline + levels[n].afterDeadline}, re-escalation
 * <i>k</i> at {@code deadline + lastLevel.afterDeadline + k * reEscalateEvery}, for <i>k</i> up to
 * {@code maxReEscalations}.
 *
 * <p>A disabled chain keeps its levels, so that turning escalation off and on again (or writing the
 * policy to JSON and back) loses nothing; {@link #levelsInForce()} is what the engine acts on.
 *
 * @param enabled          whether the chain is in force; warnings and reminders run either way
 * @param levels           the levels, numbered 1, 2, ... in order, each later than the one before
 * @param reEscalateEvery  the interval between re-escalations at the last level
 * @param maxReEscalations the cap on re-escalations per cycle; {@link SlaPolicy#UNLIMITED} for none
 */
public record Chain(boolean enabled, List<EscalationLevel> levels, Duration reEscalateEvery, int maxReEscalations) {

    /**
     * @param enabled whether escalation is on
     * @param levels the escalation levels, in order
     * @param maxReEscalations at most this many re-escalations
     * @param reEscalateEvery how often the last level is re-notified
     * @throws InvalidPolicyException when a value is missing or out of range, the levels are not
     *         numbered 1, 2, ..., a level is not later than the one before, or the chain is enabled
     *         without levels
     */
    public Chain {
        levels = List.copyOf(Checks.present("escalation levels", levels));
        Checks.duration("reEscalateEvery", reEscalateEvery);
        Checks.count("maxReEscalations", maxReEscalations, true);
        if (levels.size() > SlaPolicy.MAX_COUNT) {
            throw new InvalidPolicyException(
                    "escalation levels must be at most " + SlaPolicy.MAX_COUNT + ", but were " + levels.size());
        }
        if (enabled && levels.isEmpty()) {
            throw new InvalidPolicyException(
                    "escalation levels must not be empty while escalation is enabled, but was []");
        }
        for (int i = 0; i < levels.size(); i++) {
            EscalationLevel level = levels.get(i);
            if (level.level() != i + 1) {
                throw new InvalidPolicyException(
                        "escalation level " + (i + 1) + " must be numbered " + (i + 1) + ", but was " + level.level());
            }
            Duration previous = i == 0 ? null : levels.get(i - 1).afterDeadline();
            if (previous != null && level.afterDeadline().compareTo(previous) <= 0) {
                throw OutOfOrder.IN_CODE.failure(level.level(), previous, level.afterDeadline());
            }
        }
    }

    /**
     * Numbers the levels and fills in the delays left out: level 1 at the deadline, each later level
     * {@code reEscalateEvery} after the one before.
     *
     * @param targets    the target of each level, level 1 first
     * @param delays     each level's delay after the deadline, where given
     * @param outOfOrder the failure to throw when a level is not later than the one before it
     */
    static List<EscalationLevel> number(
            List<EscalationTarget> targets,
            List<Optional<Duration>> delays,
            Duration reEscalateEvery,
            OutOfOrder outOfOrder) {
        List<EscalationLevel> levels = new ArrayList<>();
        Duration previous = null;
        for (int i = 0; i < targets.size(); i++) {
            Duration after = delays.get(i).orElse(previous == null ? Duration.ZERO : previous.plus(reEscalateEvery));
            if (previous != null && after.compareTo(previous) <= 0) {
                throw outOfOrder.failure(i + 1, previous, after);
            }
            levels.add(new EscalationLevel(i + 1, targets.get(i), after));
            previous = after;
        }
        return levels;
    }

    /**
     * The levels the engine acts on: all of them, or none while the chain is disabled.
     *
     * @return the levels the engine acts on: all of them, or none while the chain is disabled
     */
    public List<EscalationLevel> levelsInForce() {
        return enabled ? levels : List.of();
    }

    /** Says that a level is not later than the one before it. */
    interface OutOfOrder {
        /** The message in the builder's terms, for policies built in code. */
        OutOfOrder IN_CODE = (level, previous, after) -> new InvalidPolicyException("escalation level " + level
                + " afterDeadline must be later than level " + (level - 1) + "'s " + previous + ", but was " + after);

        InvalidPolicyException failure(int level, Duration previous, Duration after);
    }
}
