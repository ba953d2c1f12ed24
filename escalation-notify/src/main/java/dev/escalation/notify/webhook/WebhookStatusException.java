package dev.escalation.notify.webhook;

import java.io.IOException;

/**
 * A webhook answered with a status that may succeed later: 5xx, 408 (timeout) or 429 (too many
 * requests). The engine retries it with backoff. Permanent refusals (other 4xx) are a
 * {@link dev.escalation.notify.PermanentDeliveryException} instead.
 */
public class WebhookStatusException extends IOException {

    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** The HTTP status the webhook answered with. */
    private final int status;

    /**
     * A retryable answer.
     *
     * @param status the HTTP status
     * @param message what failed, naming the webhook and the status
     */
    public WebhookStatusException(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * The HTTP status the webhook answered with.
     *
     * @return the status
     */
    public int status() {
        return status;
    }
}
