package dev.escalation.core.operations;

import dev.escalation.core.Require;
import dev.escalation.core.task.InputLimits;
import java.time.Instant;

/**
 * A paused policy: none of its steps fires until an operator resumes it.
 *
 * @param policyName the policy's name
 * @param operator   who paused it
 * @param pausedAt   when, by the store's clock
 */
public record PolicyPause(String policyName, String operator, Instant pausedAt) {

    /**
     * Validates the pause.
     *
     * @param policyName the policy's name
     * @param operator   who paused it
     * @param pausedAt   when, by the store's clock
     * @throws IllegalArgumentException when a name is blank, too long or unstorable, or the instant is null
     */
    public PolicyPause {
        InputLimits.name("policyName", policyName);
        InputLimits.name("operator", operator);
        Require.present("pausedAt", pausedAt);
    }
}
