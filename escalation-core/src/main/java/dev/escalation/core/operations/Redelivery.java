package dev.escalation.core.operations;

import dev.escalation.core.task.InputLimits;
import java.util.List;

/**
 * What a redelivery request did.
 *
 * @param requestId the request
 * @param repeated  true when this request id was acted on before: nothing changed now
 * @param requeued  the idempotency keys put back in the outbox by this call, in key order; empty
 *                  when repeated or when nothing selected was given up
 */
public record Redelivery(String requestId, boolean repeated, List<String> requeued) {

    /**
     * Validates the outcome.
     *
     * @param requestId the request
     * @param repeated  whether the request was acted on before
     * @param requeued  the keys put back by this call
     * @throws IllegalArgumentException when the request id is blank, or a repeat claims to have requeued something
     * @throws NullPointerException when the list or a key is null
     */
    public Redelivery {
        InputLimits.name("requestId", requestId);
        requeued = List.copyOf(requeued);
        if (repeated && !requeued.isEmpty()) {
            throw new IllegalArgumentException("a repeated request requeues nothing, but requeued was " + requeued);
        }
    }
}
