package dev.escalation.core;

/**
 * A run could not go on because the repository failed. Steps recorded before the failure stand;
 * the rest are picked up by the next run. Thrown by {@link EscalationEngine#runOnce()} so that
 * the host's scheduler and metrics see the failure.
 */
public class EscalationRunException extends RuntimeException {

    private final String runId;

    public EscalationRunException(String runId, String message, Throwable cause) {
        super(message, cause);
        this.runId = runId;
    }

    /** The id of the failed run, as in the logs' MDC {@code escalation.run}. */
    public String runId() {
        return runId;
    }
}
