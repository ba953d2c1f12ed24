package dev.escalation.core.task;

import dev.escalation.core.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Opening many tasks at once ({@link TaskStore#openAll}) as a pure function, so that every store
 * validates an import and plans its first checks alike.
 *
 * <p><b>Validation.</b> Every task is checked as {@link TaskChanges#open} checks one, before anything
 * is stored; the first bad one fails the whole import with an {@link IllegalArgumentException} that
 * names its index and the field ({@code "tasks[41]: slaStart must not be in the future ..."}). An id
 * that occurs twice in the import fails it with a {@link DuplicateTaskException}, as an id that is
 * stored already does when the store writes the tasks.
 *
 * <p><b>First checks: not all due at once.</b> A task opened alone is due for evaluation at once. An
 * import of a million tasks from an old system would make all of them due in the same run, most of
 * them long past their SLA start. Instead, the imported tasks are ordered by SLA start (oldest first;
 * the import's order among equal starts) and the {@code k}-th is first checked at
 * {@code now + floor(k / CHECKS_PER_SECOND)} seconds: {@value #CHECKS_PER_SECOND} tasks a second,
 * the longest-waiting first. An import of up to {@value #CHECKS_PER_SECOND} tasks is due at once, as
 * {@code open} would make it; a million are first checked over 16 minutes 40 seconds, and a run on
 * the documented one-minute schedule finds at most 60,000 of them due (a run's work is capped by the
 * engine's {@code maxTasksPerRun} as well). An import made of several calls orders its tasks by SLA
 * start ({@link #bySlaStart}) and tells each call how many tasks the calls before it hold
 * ({@link #open(Collection, Instant, TaskRules, long)}), so that it is spread as one call of all its
 * tasks would be (the JDBC store's {@code bulkImport} does so); a call that is not told spreads its
 * tasks from its own instant, beside those of the calls before it.
 */
public final class TaskImports {

    /** How many imported tasks fall due for their first check per second of the store's clock. */
    public static final int CHECKS_PER_SECOND = 1_000;

    private TaskImports() {}

    /**
     * Opens every task of {@code tasks} at {@code now} as {@code rules} allow, each first checked as
     * the class documentation says; validates all of them before returning any.
     *
     * @param tasks the tasks to open, in the import's order
     * @param now   the store's current instant
     * @param rules what the store accepts
     * @return one change per task, in the import's order
     * @throws IllegalArgumentException when a task is null or invalid (the message names its index)
     * @throws DuplicateTaskException   when two tasks of the import share an id
     */
    public static List<TaskChanges.Change> open(Collection<NewTask> tasks, Instant now, TaskRules rules) {
        return open(tasks, now, rules, 0);
    }

    /**
     * Opens one call of an import made of several, as {@link #open(Collection, Instant, TaskRules)}
     * does, but continuing the first checks of the {@code importedBefore} tasks of the calls before it:
     * the call's {@code k}-th task by SLA start is first checked at
     * {@code now + floor((importedBefore + k) / CHECKS_PER_SECOND)} seconds. An import ordered by SLA
     * start ({@link #bySlaStart}) and cut into calls so is spread as one call of all its tasks would be,
     * instead of each call's tasks falling due from its own instant alongside the others'.
     *
     * @param tasks          the call's tasks, in the import's order
     * @param now            the store's current instant
     * @param rules          what the store accepts
     * @param importedBefore how many tasks the import's calls before this one hold; 0 for the first
     * @return one change per task, in the call's order
     * @throws IllegalArgumentException when a task is null or invalid (the message names its index in
     *     the call), or {@code importedBefore} is negative
     * @throws DuplicateTaskException   when two tasks of the call share an id
     */
    public static List<TaskChanges.Change> open(
            Collection<NewTask> tasks, Instant now, TaskRules rules, long importedBefore) {
        List<NewTask> checked = checked(tasks);
        Require.present("now", now);
        if (importedBefore < 0) {
            throw new IllegalArgumentException("importedBefore must not be negative, but was " + importedBefore);
        }
        Instant[] firstChecks = firstChecks(checked, now, importedBefore);
        List<TaskChanges.Change> opened = new ArrayList<>(checked.size());
        for (int i = 0; i < checked.size(); i++) {
            try {
                // Opened with its planned first check: building each task once, not due now and then
                // again with its check, was a fifth of an import's Java time.
                opened.add(TaskChanges.open(checked.get(i), now, rules, firstChecks[i]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tasks[" + i + "]: " + e.getMessage(), e);
            }
        }
        return List.copyOf(opened);
    }

    /**
     * Checks a whole import as {@link #open(Collection, Instant, TaskRules)} would, without building
     * a task: an import made of several calls checks all of its tasks so before its first call stores
     * anything. A task valid at {@code now} stays valid for a later call.
     *
     * @param tasks the tasks to import, in order
     * @param now   the store's current instant
     * @param rules what the store accepts
     * @return the same tasks, as a list
     * @throws IllegalArgumentException when a task is null or invalid (the message names its index)
     * @throws DuplicateTaskException   when two tasks share an id
     */
    public static List<NewTask> validate(Collection<NewTask> tasks, Instant now, TaskRules rules) {
        List<NewTask> checked = checked(tasks);
        Require.present("now", now);
        Require.present("rules", rules);
        for (int i = 0; i < checked.size(); i++) {
            try {
                TaskChanges.check(checked.get(i), now, rules);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("tasks[" + i + "]: " + e.getMessage(), e);
            }
        }
        return checked;
    }

    /**
     * The tasks ordered by SLA start, oldest first, keeping their order among equal starts: the order
     * in which an import plans their first checks. Cut into calls in this order, each call's tasks
     * continue where the call before it ended ({@link #open(Collection, Instant, TaskRules, long)}).
     *
     * @param tasks the tasks, none null
     * @return a new list in that order
     */
    public static List<NewTask> bySlaStart(List<NewTask> tasks) {
        List<NewTask> sorted = new ArrayList<>(tasks);
        // List.sort is stable: equal starts keep the import's order.
        sorted.sort(Comparator.comparing(NewTask::slaStart));
        return sorted;
    }

    /**
     * Each task's first check, by its index in the import: the {@code k}-th by SLA start (the import's
     * order among equal starts) at {@code now + floor(k / CHECKS_PER_SECOND)} seconds.
     */
    private static Instant[] firstChecks(List<NewTask> tasks, Instant now, long importedBefore) {
        Integer[] byStart = new Integer[tasks.size()];
        for (int i = 0; i < byStart.length; i++) {
            byStart[i] = i;
        }
        // A stable sort: equal starts keep the import's order.
        Arrays.sort(byStart, Comparator.comparing(i -> tasks.get(i).slaStart()));
        Instant[] firstChecks = new Instant[byStart.length];
        Instant checkAt = now.plus(Duration.ofSeconds(importedBefore / CHECKS_PER_SECOND));
        for (int k = 0; k < byStart.length; k++) {
            long planned = importedBefore + k;
            if (k > 0 && planned % CHECKS_PER_SECOND == 0) {
                checkAt = now.plus(Duration.ofSeconds(planned / CHECKS_PER_SECOND));
            }
            firstChecks[byStart[k]] = checkAt;
        }
        return firstChecks;
    }

    /**
     * The tasks of an import without opening them: none null, no id twice. The default
     * {@link TaskStore#openAll} checks this much before it opens the first.
     *
     * @param tasks the tasks to import, in order
     * @return the same tasks, as a list
     * @throws IllegalArgumentException when the collection or one of its tasks is null
     * @throws DuplicateTaskException   when two tasks share an id
     */
    public static List<NewTask> checked(Collection<NewTask> tasks) {
        Require.present("tasks", tasks);
        List<NewTask> list = new ArrayList<>(tasks.size());
        Map<String, Integer> firstIndex = new HashMap<>();
        int i = 0;
        for (NewTask task : tasks) {
            if (task == null) {
                throw new IllegalArgumentException("tasks[" + i + "] must not be null");
            }
            Integer earlier = firstIndex.putIfAbsent(task.id(), i);
            if (earlier != null) {
                throw new DuplicateTaskException(task.id());
            }
            list.add(task);
            i++;
        }
        return list;
    }
}
