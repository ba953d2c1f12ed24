package dev.escalation.core.policy;

import dev.escalation.core.Require;
import java.time.Duration;

/**
 * One rung of an escalation chain: at {@code afterDeadline} past the deadline, the task is
 * reassigned to {@code target}.
 *
 * @param level         1 for the first rung, 2 for the next, ...
 * @param target        who receives the task at this level
 * @param afterDeadline how long after the deadline this level is reached (in SLA time); level 1 is usually {@link Duration#ZERO}
 */
public record EscalationLevel(int level, EscalationTarget target, Duration afterDeadline) {

    /**
     * Validates the level.
     *
     * @param level         1 for the first rung, 2 for the next, ...
     * @param target        who receives the task at this level
     * @param afterDeadline how long after the deadline this level is reached (in SLA time); level 1 is usually {@link Duration#ZERO}
     * @throws IllegalArgumentException when the level is not positive, the target is null, or the delay is negative
     */
    public EscalationLevel {
        Require.positive("level", level);
        Require.present("target", target);
        Require.notNegative("escalation level " + level + " afterDeadline", afterDeadline);
    }
}
