package dev.escalation.jdbc;

import dev.escalation.core.task.NewTask;
import java.util.List;

/**
 * A {@link BulkImport} stopped at a failed call: the tasks of the calls stored before and beside it stay
 * stored, each call whole; {@link #notImported()} are the others, to import again once the cause (the
 * exception's cause: an id stored already, the database gone) is fixed.
 */
public final class BulkImportException extends EscalationStoreException {

    private static final long serialVersionUID = 1L;

    /** How many tasks the import stored. */
    private final long imported;

    /** The tasks not stored; not serialised with the exception (a task's attributes may be sensitive). */
    private final transient List<NewTask> notImported;

    BulkImportException(long imported, List<NewTask> notImported, Throwable cause) {
        super(
                "a bulk import stopped after storing " + imported + " tasks; " + notImported.size()
                        + " were not stored: " + cause,
                cause);
        this.imported = imported;
        this.notImported = List.copyOf(notImported);
    }

    /**
     * How many tasks the import stored.
     *
     * @return the count
     */
    public long imported() {
        return imported;
    }

    /**
     * The tasks of the calls that were not stored, in the import's order (by SLA start).
     *
     * @return the tasks
     */
    public List<NewTask> notImported() {
        return notImported;
    }
}
