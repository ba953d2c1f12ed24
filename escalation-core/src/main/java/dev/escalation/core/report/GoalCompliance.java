package dev.escalation.core.report;

import dev.escalation.core.Require;
import java.util.Optional;

/**
 * How one named goal (issue #20) fared in a {@link ComplianceReport}'s range, over every policy that
 * defines a goal of that name: how often it was met, how often in time, and how often breached.
 *
 * @param goal         the goal's name, e.g. {@code "response"}
 * @param met          goals of that name met in the range: by {@code tasks.meet}, by an event the goal
 *                     names, or as the task's last goal
 * @param metWithinSla of those, the ones met before the engine found them past their deadline
 * @param breaches     goals of that name the engine found past their deadline in the range
 */
public record GoalCompliance(String goal, long met, long metWithinSla, long breaches) {

    /**
     * Validates the counts.
     *
     * @param goal         the goal's name
     * @param met          goals met in the range
     * @param metWithinSla of those, the ones met in time
     * @param breaches     goals found past their deadline in the range
     * @throws IllegalArgumentException when the name is missing, a count is negative, or more were
     *                                  met in time than met
     */
    public GoalCompliance {
        Require.present("goal", goal);
        if (met < 0 || metWithinSla < 0 || breaches < 0 || metWithinSla > met) {
            throw new IllegalArgumentException(
                    "goal '" + goal + "' counts must be non-negative with metWithinSla <= met," + " but were met=" + met
                            + ", metWithinSla=" + metWithinSla + ", breaches=" + breaches);
        }
    }

    /** {@return the share of met goals met in time, 0 to 1; empty when none was met} */
    public Optional<Double> withinSlaShare() {
        return met == 0 ? Optional.empty() : Optional.of((double) metWithinSla / met);
    }
}
