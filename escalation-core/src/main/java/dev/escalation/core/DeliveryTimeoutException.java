package dev.escalation.core;

import java.time.Duration;

/** A delivery attempt without an answer within the engine's delivery timeout: a failed attempt, retried with backoff. */
final class DeliveryTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DeliveryTimeoutException(Duration timeout) {
        this(timeout, "the notifier did not answer");
    }

    DeliveryTimeoutException(Duration timeout, String why) {
        super("no answer within the delivery timeout of " + timeout + ": " + why);
    }
}
