package dev.escalation.core.policy;

/**
 * Thrown when a policy is built from values that cannot work; the message names the field and
 * the bad value, e.g. {@code "warnBefore must be shorter than sla PT4H, but was PT4H"}.
 */
public class InvalidPolicyException extends IllegalArgumentException {

    /**
     * A policy that cannot work.
     *
     * @param message what is wrong, naming the field and the value
     */
    public InvalidPolicyException(String message) {
        super(message);
    }

    /**
     * A policy that cannot work, found while reading it.
     *
     * @param message what is wrong, naming the field and the value
     * @param cause   what failed while reading it
     */
    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
