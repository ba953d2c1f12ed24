package dev.escalation.core.memory;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.operations.AuditQuery;
import dev.escalation.core.operations.OpenTask;
import dev.escalation.core.operations.OutboxNotification;
import dev.escalation.core.operations.OutboxQuery;
import dev.escalation.core.operations.Page;
import dev.escalation.core.operations.PageCursor;
import dev.escalation.core.operations.SlaStanding;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operator queries over the in-memory repository's snapshots: filter, sort by the query's key,
 * keep what lies after the cursor, cut at the limit. The same keys as {@code escalation-jdbc}:
 * tasks by (deadline, nulls last; id), audit entries by (occurred at; stored position), notifications
 * by idempotency key.
 */
final class MemoryPages {

    private static final Comparator<TaskKey> TASK_ORDER = Comparator.comparing(
                    (TaskKey k) -> k.deadline().orElse(Instant.MAX))
            .thenComparing(k -> k.deadline().isEmpty())
            .thenComparing(TaskKey::id);
    private static final Comparator<AuditKey> AUDIT_ORDER =
            Comparator.comparing(AuditKey::occurredAt).thenComparingLong(AuditKey::position);

    private MemoryPages() {}

    private record TaskKey(Optional<Instant> deadline, String id) {}

    private record AuditKey(Instant occurredAt, long position) {}

    static Page<OpenTask> openTasks(Collection<WorkflowTask> tasks, TaskQuery query) {
        Optional<TaskKey> after = query.after().map(c -> {
            List<String> parts = PageCursor.decode("after", c, 2);
            return new TaskKey(
                    parts.get(0).isEmpty() ? Optional.empty() : Optional.of(parseInstant(c, parts.get(0))),
                    parts.get(1));
        });
        List<OpenTask> matching = new ArrayList<>();
        for (WorkflowTask task : tasks) {
            if (task.status().isActive()) {
                SlaStanding standing = SlaStanding.of(task, query.asOf());
                if (query.matches(task, standing)
                        && after.map(a -> TASK_ORDER.compare(taskKey(task), a) > 0)
                                .orElse(true)) {
                    matching.add(new OpenTask(task, standing));
                }
            }
        }
        matching.sort(Comparator.comparing(t -> taskKey(t.task()), TASK_ORDER));
        return page(matching, query.limit(), t -> {
            TaskKey key = taskKey(t.task());
            return List.of(key.deadline().map(Instant::toString).orElse(""), key.id());
        });
    }

    static Page<AuditEntry> auditEntries(List<AuditEntry> trail, AuditQuery query) {
        Optional<AuditKey> after = query.after().map(c -> {
            List<String> parts = PageCursor.decode("after", c, 2);
            try {
                return new AuditKey(parseInstant(c, parts.get(0)), Long.parseLong(parts.get(1)));
            } catch (NumberFormatException e) {
                throw badCursor(c);
            }
        });
        List<AuditKey> matching = new ArrayList<>();
        for (int i = 0; i < trail.size(); i++) {
            AuditEntry entry = trail.get(i);
            AuditKey key = new AuditKey(entry.occurredAt(), i);
            if (query.matches(entry)
                    && after.map(a -> AUDIT_ORDER.compare(key, a) > 0).orElse(true)) {
                matching.add(key);
            }
        }
        matching.sort(AUDIT_ORDER);
        Page<AuditKey> keys =
                page(matching, query.limit(), k -> List.of(k.occurredAt().toString(), Long.toString(k.position())));
        return new Page<>(
                keys.items().stream().map(k -> trail.get((int) k.position())).toList(), keys.next());
    }

    static Page<OutboxNotification> notifications(Collection<OutboxNotification> undelivered, OutboxQuery query) {
        Optional<String> after =
                query.after().map(c -> PageCursor.decode("after", c, 1).get(0));
        List<OutboxNotification> matching = new ArrayList<>();
        for (OutboxNotification entry : undelivered) {
            String key = entry.notification().idempotencyKey();
            if (query.matches(entry) && after.map(a -> key.compareTo(a) > 0).orElse(true)) {
                matching.add(entry);
            }
        }
        matching.sort(Comparator.comparing(e -> e.notification().idempotencyKey()));
        return page(matching, query.limit(), e -> List.of(e.notification().idempotencyKey()));
    }

    private static <T> Page<T> page(List<T> sorted, int limit, Function<T, List<String>> key) {
        if (sorted.size() <= limit) {
            return new Page<>(sorted, Optional.empty());
        }
        List<T> items = sorted.subList(0, limit);
        return new Page<>(items, Optional.of(PageCursor.encode(key.apply(items.get(limit - 1)))));
    }

    private static TaskKey taskKey(WorkflowTask task) {
        return new TaskKey(task.escalation().deadline(), task.id());
    }

    private static Instant parseInstant(String cursor, String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.DateTimeException e) {
            throw badCursor(cursor);
        }
    }

    private static IllegalArgumentException badCursor(String cursor) {
        return new IllegalArgumentException(
                "after must be a cursor that a page of this query returned, but was '" + cursor + "'");
    }
}
