package dev.escalation.jdbc;

import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskImports;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Imports many tasks at once, over several connections: the move of a large backlog from the system a
 * host replaces ({@link JdbcEscalationStore#bulkImport()}).
 *
 * <pre>{@code
 * long opened = store.bulkImport().connections(2).run(backlog); // a million tasks, say
 * }</pre>
 *
 * <p><b>Checked before anything is stored.</b> Every task is checked first as
 * {@link dev.escalation.core.task.TaskStore#openAll} checks an import ({@link TaskImports#validate}): a
 * bad task fails the whole import with its index and field, an id twice with a
 * {@link dev.escalation.core.task.DuplicateTaskException}, and nothing is stored.
 *
 * <p><b>Calls, each one transaction.</b> The tasks, ordered by SLA start (oldest first), are cut into
 * calls of {@link #callSize} ({@value #DEFAULT_CALL_SIZE} by default), each stored as one
 * {@code openAll} is: in one transaction, audited, with {@code COPY} on PostgreSQL. {@link #connections}
 * calls run at once, each on its own connection from the store's pool (the calling thread takes part; the
 * others are daemon threads that end with the import): one PostgreSQL connection inserts on one core, so a
 * database with two or more cores takes an import over two connections faster (1.25-1.5x on the 2-core
 * machine of docs/benchmarks.md). The pool must have that many connections to spare.
 *
 * <p><b>First checks spread over the whole import.</b> Each call continues the first checks of the
 * calls before it ({@link TaskImports#open(Collection, java.time.Instant, TaskRules, long)}): the
 * {@code k}-th oldest task of the import is first checked about {@code k / 1,000} seconds after it is
 * stored, as if the import were one call, instead of every call's tasks falling due from its own instant.
 *
 * <p><b>When a call fails</b> (an id stored already, the database gone), no further call starts, the
 * calls under way finish, and a {@link BulkImportException} says how many tasks were stored and gives back
 * the tasks that were not, to import again once the cause is fixed. What is stored is whole calls.
 */
public final class BulkImport {

    /** Tasks per call, and per transaction, unless {@link #callSize} says otherwise. */
    public static final int DEFAULT_CALL_SIZE = 100_000;

    /** The most tasks a call may hold: a call's tasks and their rows are held in memory while it is stored. */
    public static final int MAX_CALL_SIZE = 1_000_000;

    /** The most connections an import may use at once. */
    public static final int MAX_CONNECTIONS = 64;

    private final TaskImport target;
    private final Clock clock;
    private final TaskRules rules;
    private final int callSize;
    private final int connections;

    BulkImport(TaskImport target, Clock clock, TaskRules rules) {
        this(target, clock, rules, DEFAULT_CALL_SIZE, 1);
    }

    private BulkImport(TaskImport target, Clock clock, TaskRules rules, int callSize, int connections) {
        this.target = target;
        this.clock = clock;
        this.rules = rules;
        this.callSize = callSize;
        this.connections = connections;
    }

    /**
     * The same import in calls of {@code value} tasks.
     *
     * @param value tasks per call and transaction, 1 to {@value #MAX_CALL_SIZE}
     * @return a new import
     * @throws IllegalArgumentException when {@code value} is out of that range, naming it
     */
    public BulkImport callSize(int value) {
        if (value < 1 || value > MAX_CALL_SIZE) {
            throw new IllegalArgumentException("callSize must lie in 1.." + MAX_CALL_SIZE + ", but was " + value);
        }
        return new BulkImport(target, clock, rules, value, connections);
    }

    /**
     * The same import over {@code value} connections at once.
     *
     * @param value calls stored at once, each on its own connection, 1 to {@value #MAX_CONNECTIONS}
     * @return a new import
     * @throws IllegalArgumentException when {@code value} is out of that range, naming it
     */
    public BulkImport connections(int value) {
        if (value < 1 || value > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("connections must lie in 1.." + MAX_CONNECTIONS + ", but was " + value);
        }
        return new BulkImport(target, clock, rules, callSize, value);
    }

    /**
     * Checks every task, then stores them in calls, {@link #connections} at once.
     *
     * @param tasks the tasks to open
     * @return how many were opened: all of them
     * @throws IllegalArgumentException when a task is null or invalid (nothing is stored; the message names its
     *     index)
     * @throws dev.escalation.core.task.DuplicateTaskException when two tasks share an id (nothing is stored)
     * @throws BulkImportException when a call failed: the tasks of the calls not stored, and how many were
     */
    public long run(Collection<NewTask> tasks) {
        List<NewTask> ordered = TaskImports.bySlaStart(TaskImports.validate(tasks, clock.now(), rules));
        Calls calls = new Calls(ordered, callSize);
        List<Thread> helpers = new ArrayList<>();
        for (int k = 1; k < Math.min(connections, calls.count()); k++) {
            Thread helper = new Thread(calls::store, "escalation-bulk-import-" + k);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        calls.store();
        joinAll(helpers, calls);
        return calls.outcome();
    }

    /** Waits for every helper; an interrupt stops the import from starting further calls, not the ones under way. */
    private static void joinAll(List<Thread> helpers, Calls calls) {
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (helper.isAlive()) {
                try {
                    helper.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                    calls.stop(e);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** An import's calls, handed out in order to whichever connection is free, and what became of each. */
    private final class Calls {
        private final List<NewTask> ordered;
        private final int size;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicIntegerArray stored;
        private final AtomicLong imported = new AtomicLong();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

        Calls(List<NewTask> ordered, int size) {
            this.ordered = ordered;
            this.size = size;
            this.stored = new AtomicIntegerArray(count());
        }

        int count() {
            return (ordered.size() + size - 1) / size;
        }

        /** Stores the next call until none is left or one failed. */
        void store() {
            for (int i = next.getAndIncrement(); i < count() && !stopped.get(); i = next.getAndIncrement()) {
                List<NewTask> call = call(i);
                try {
                    target.openAll(call, (long) i * size);
                    stored.set(i, 1);
                    imported.addAndGet(call.size());
                } catch (RuntimeException | Error e) {
                    stop(e);
                }
            }
        }

        void stop(Throwable cause) {
            failures.add(cause);
            stopped.set(true);
        }

        private List<NewTask> call(int i) {
            return ordered.subList(i * size, Math.min(ordered.size(), (i + 1) * size));
        }

        /** How many tasks were stored; or the failure, with the tasks that were not. */
        long outcome() {
            if (failures.isEmpty()) {
                return imported.get();
            }
            Throwable first = failures.poll();
            failures.forEach(first::addSuppressed);
            if (first instanceof Error error) {
                throw error;
            }
            List<NewTask> notImported = new ArrayList<>();
            for (int i = 0; i < count(); i++) {
                if (stored.get(i) == 0) {
                    notImported.addAll(call(i));
                }
            }
            throw new BulkImportException(imported.get(), notImported, first);
        }
    }
}
