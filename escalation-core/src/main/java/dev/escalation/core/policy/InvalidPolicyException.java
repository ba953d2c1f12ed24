package dev.escalation.core.policy;

/**
 * Thrown when a policy is built from values that cannot work: a bad value, a missing one, or
 * options that conflict. Built in code, the message names the policy, the builder's field and the
 * value ({@code "policy 'A': warnBefore must be shorter than sla PT4H, but was PT4H"}); read from
 * JSON, it names the JSON path and the value as written ({@code "$.sla_hours: must be positive, but
 * was -5"}, see {@link PolicyDefinition}).
 */
public class InvalidPolicyException extends IllegalArgumentException {

    /**
     * A failure whose message names the field and the value.
     *
     * @param message what is wrong, naming the field and the value
     */
    public InvalidPolicyException(String message) {
        super(message);
    }

    /**
     * A failure whose message names the field and the value, caused by {@code cause}.
     *
     * @param cause the underlying failure
     * @param message what is wrong, naming the field and the value
     */
    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** This failure, said of a named policy: {@code "policy 'A': " + message}. */
    InvalidPolicyException of(String policyName) {
        InvalidPolicyException named = new InvalidPolicyException("policy '" + policyName + "': " + getMessage());
        named.setStackTrace(getStackTrace());
        return named;
    }
}
