package dev.escalation.examples.adapter;

/**
 * The database failed under the adapter: no connection, a failing statement, a failed commit. The
 * transaction was rolled back, so nothing of the failed call is stored. Thrown from the repository
 * it aborts the engine's run, and the next run goes on from the last committed state.
 */
public class HostTableException extends RuntimeException {

    public HostTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
