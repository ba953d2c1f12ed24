package dev.escalation.core.policy;

import dev.escalation.core.Require;

/**
 * Which policy, in which version, a task's plan was made under: the policy's stable id (its
 * {@linkplain SlaPolicy#id() name}) and the {@linkplain SlaPolicy#version() fingerprint} of its
 * definition. The engine records it on every task it plans ({@link
 * dev.escalation.core.task.EscalationState#policy()}), so that a changed policy finds the open tasks
 * planned under an older version (see docs/changing-policies.md).
 *
 * @param policyId the policy's id, its name
 * @param version  the fingerprint of the definition, or {@link #UNREGISTERED} for a task whose policy
 *                 disappeared from the engine's policies
 */
public record PolicyVersion(String policyId, String version) {

    /**
     * The version recorded on a task whose policy was no longer registered when the engine last looked:
     * such a task was reported and audited once, and waits for its policy to come back.
     */
    public static final String UNREGISTERED = "unregistered";

    /**
     * Checks both components.
     *
     * @param policyId the policy's id
     * @param version  the fingerprint, or {@link #UNREGISTERED}
     * @throws IllegalArgumentException when one is null or blank
     */
    public PolicyVersion {
        Require.text("policyId", policyId);
        Require.text("version", version);
    }

    /**
     * The same policy marked as no longer registered.
     *
     * @return this policy id with version {@link #UNREGISTERED}
     */
    public PolicyVersion unregistered() {
        return new PolicyVersion(policyId, UNREGISTERED);
    }

    /**
     * Whether this records a policy that was no longer registered.
     *
     * @return whether the version is {@link #UNREGISTERED}
     */
    public boolean isUnregistered() {
        return UNREGISTERED.equals(version);
    }

    /** {@return {@code policy 'Manager Approval' v3f2a9c01b7e4}, as audit reasons quote it} */
    @Override
    public String toString() {
        return "policy '" + policyId + "' " + (isUnregistered() ? UNREGISTERED : "v" + version);
    }
}
