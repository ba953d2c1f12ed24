package dev.escalation.notify;

/**
 * A delivery that will fail the same way on every attempt: a webhook answered 4xx (other than 408
 * and 429), a recipient has no address for the channel, the mail server refused the address. A
 * host or the engine can tell it from a passing failure and stop retrying; any other exception
 * from a channel of this module means "try again later".
 */
public class PermanentDeliveryException extends Exception {

    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /**
     * A permanent failure.
     *
     * @param message what failed and why, naming the recipient or the status
     */
    public PermanentDeliveryException(String message) {
        super(message);
    }

    /**
     * A permanent failure with its cause.
     *
     * @param message what failed and why, naming the recipient or the status
     * @param cause the failure underneath
     */
    public PermanentDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
