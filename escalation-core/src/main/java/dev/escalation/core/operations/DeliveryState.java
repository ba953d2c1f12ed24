package dev.escalation.core.operations;

/** Where an undelivered notification stands in the outbox, as an operator asks about it. */
public enum DeliveryState {
    /** Waiting for its first delivery attempt. */
    PENDING,
    /** Attempted and failed at least once; waiting for its next attempt. */
    FAILING,
    /** Not delivered after the last attempt the retry policy allows. */
    GIVEN_UP
}
