package dev.escalation.jdbc;

/**
 * The database failed: a connection could not be had, a statement failed, or a transaction could
 * not commit. The transaction was rolled back, so nothing of the failed call is stored. Thrown
 * from the repository it aborts the engine's run ({@link dev.escalation.core.EscalationRunException});
 * the next run goes on where the last committed one left off.
 */
public class EscalationStoreException extends RuntimeException {

    /**
     * A database call failed.
     *
     * @param message what the store was doing
     * @param cause   what the driver threw
     */
    public EscalationStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The store cannot go on, without a driver exception to blame.
     *
     * @param message what is wrong
     */
    public EscalationStoreException(String message) {
        super(message);
    }
}
