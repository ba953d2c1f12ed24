package dev.escalation.core;

/**
 * A run could not go on because the repository failed. Steps recorded before the failure stand;
 * the rest are picked up by the next run. Thrown by {@link EscalationEngine#runOnce()} so that
 * the host's scheduler and metrics see the failure.
 */
public class EscalationRunException extends RuntimeException {

    /** The id of the failed run. */
    private final String runId;

    /**
     * A failed run.
     *
     * @param runId   the id of the failed run
     * @param message what failed
     * @param cause   what the repository threw
     */
    public EscalationRunException(String runId, String message, Throwable cause) {
        super(message, cause);
        this.runId = runId;
    }

    /**
     * The id of the failed run, as in the logs' MDC {@code escalation.run}.
     *
     * @return the run's id
     */
    public String runId() {
        return runId;
    }
}
