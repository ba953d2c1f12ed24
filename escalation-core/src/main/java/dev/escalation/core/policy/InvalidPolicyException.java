package dev.escalation.core.policy;

/**
 * Thrown when a policy is built from values that cannot work; the message names the field and
 * the bad value, e.g. {@code "warnBefore must be shorter than sla PT4H, but was PT4H"}.
 */
public class InvalidPolicyException extends IllegalArgumentException {

    public InvalidPolicyException(String message) {
        super(message);
    }

    public InvalidPolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
