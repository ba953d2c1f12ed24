package dev.escalation.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.operations.AuditQuery;
import dev.escalation.core.operations.DeliveryState;
import dev.escalation.core.operations.OpenTask;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.operations.OutboxNotification;
import dev.escalation.core.operations.OutboxQuery;
import dev.escalation.core.operations.Page;
import dev.escalation.core.operations.PageCursor;
import dev.escalation.core.operations.SlaStanding;
import dev.escalation.core.operations.TaskQuery;
import dev.escalation.core.task.WorkflowTask;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's queries in SQL, each one statement that reads one page (plus one row, to know
 * whether another page follows) through the indexes of schema version 3:
 * <ul>
 *   <li>the worklist: active tasks by {@code (deadline NULLS LAST, id)}, the standing computed in the
 *       WHERE clause from the stored warning point and deadline exactly as {@link SlaQueries} counts;
 *   <li>the audit trail by {@code (occurred_at, seq)}, through the task, type, tenant or time index;
 *   <li>undelivered outbox rows by idempotency key.
 * </ul>
 * Paging is by key (the cursor holds the last row's sort key), so a page costs its own rows however
 * deep into the table it lies, and rows stored meanwhile neither repeat nor hide rows stored before.
 * Text keys sort by code point ({@link Dialect#codePointOrder()}), as the in-memory store sorts them.
 */
final class OperatorRows implements OperatorQueries {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorRows.class);

    private final StoreContext ctx;

    OperatorRows(StoreContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Page<OpenTask> openTasks(TaskQuery query) {
        if (query.goal().isEmpty()) {
            return page(worklist(query, query.after(), query.limit() + 1), query.limit(), OperatorRows::worklistKey);
        }
        // A goal's standing lives in the goal column's text, which SQL does not read: rows of tasks that
        // have the goal are read in worklist order, a batch at a time, and judged here until the page is full.
        int batch = Math.max(query.limit() + 1, GOAL_SCAN_BATCH);
        List<OpenTask> matched = new ArrayList<>();
        Optional<String> after = query.after();
        while (matched.size() <= query.limit()) {
            List<OpenTask> rows = worklist(query, after, batch);
            for (OpenTask row : rows) {
                if (matched.size() <= query.limit() && query.matches(row.task(), row.standing())) {
                    matched.add(row);
                }
            }
            if (rows.size() < batch) {
                break;
            }
            after = Optional.of(PageCursor.encode(worklistKey(rows.get(rows.size() - 1))));
        }
        return page(matched, query.limit(), OperatorRows::worklistKey);
    }

    /** Rows read per statement while a goal's worklist is judged outside SQL. */
    private static final int GOAL_SCAN_BATCH = 500;

    private static List<String> worklistKey(OpenTask t) {
        return List.of(
                t.task().escalation().deadline().map(Instant::toString).orElse(""),
                t.task().id());
    }

    /**
     * At most {@code fetch} active tasks in worklist order after {@code after}; with a goal, the tasks
     * that have it, unjudged (the caller judges each by the goal's standing).
     */
    private List<OpenTask> worklist(TaskQuery query, Optional<String> after, int fetch) {
        Sql sql = new Sql(
                "SELECT " + TaskRows.COLUMNS + " FROM " + ctx.tables().task() + " WHERE status IN ('OPEN', 'ON_HOLD')");
        query.workflowType().ifPresent(v -> sql.and("workflow_type = ?", v));
        query.stage().ifPresent(v -> sql.and("stage = ?", v));
        query.assignee().ifPresent(v -> sql.and("assignee = ?", v));
        query.tenant().ifPresent(v -> sql.and("tenant = ?", v));
        // The goal's name as a LIKE pattern: '_' is a wildcard there, so it is escaped; names hold no '!'.
        query.goal().ifPresent(goal -> sql.and("goals LIKE ? ESCAPE '!'", "%;" + goal.replace("_", "!_") + "=%"));
        if (!query.standings().isEmpty() && query.goal().isEmpty()) {
            List<String> any = new ArrayList<>();
            List<Object> params = new ArrayList<>();
            for (SlaStanding standing : query.standings()) {
                Instant at = query.asOf();
                switch (standing) {
                    case ON_HOLD -> any.add("status = 'ON_HOLD'");
                    case BREACHED -> {
                        any.add("(status = 'OPEN' AND deadline <= ?)");
                        params.add(at);
                    }
                    case NEAR_BREACH -> {
                        any.add("(status = 'OPEN' AND warning_at <= ? AND (deadline IS NULL OR deadline > ?))");
                        params.addAll(List.of(at, at));
                    }
                    case FINE -> {
                        any.add("(status = 'OPEN' AND (deadline IS NULL OR deadline > ?)"
                                + " AND (warning_at IS NULL OR warning_at > ?))");
                        params.addAll(List.of(at, at));
                    }
                }
            }
            sql.and("(" + String.join(" OR ", any) + ")", params.toArray());
        }
        if (after.isPresent()) {
            List<String> key = PageCursor.decode("after", after.get(), 2);
            if (key.get(0).isEmpty()) {
                sql.and("deadline IS NULL AND id" + ctx.dialect().codePointOrder() + " > ?", key.get(1));
            } else {
                Instant deadline = instant(after.get(), key.get(0));
                sql.and(
                        "(deadline > ? OR (deadline = ? AND id" + ctx.dialect().codePointOrder()
                                + " > ?) OR deadline IS NULL)",
                        deadline,
                        deadline,
                        key.get(1));
            }
        }
        sql.text.append(" ORDER BY deadline ASC NULLS LAST, id" + ctx.dialect().codePointOrder() + " LIMIT ?");
        sql.params.add(fetch);
        return read("reading the worklist", sql, rs -> {
            if (TaskRows.read(rs) instanceof TaskRows.ReadableRow row) {
                WorkflowTask task = row.task();
                return Optional.of(new OpenTask(task, SlaStanding.of(task, query.asOf())));
            }
            LOG.warn("task row {} is unreadable; the worklist leaves it out", rs.getString("id"));
            return Optional.empty();
        });
    }

    @Override
    public Page<AuditEntry> auditEntries(AuditQuery query) {
        Sql sql = new Sql("SELECT " + AuditRows.ENTRY_COLUMNS + ", seq FROM "
                + ctx.tables().audit() + " WHERE 1 = 1");
        query.taskId().ifPresent(v -> sql.and("task_id = ?", v));
        if (!query.types().isEmpty()) {
            sql.and(
                    "type IN (" + Dialect.placeholders(query.types().size()) + ")",
                    query.types().stream().map(Enum::name).sorted().toArray());
        }
        query.tenant().ifPresent(v -> sql.and("tenant = ?", v));
        query.from().ifPresent(v -> sql.and("occurred_at >= ?", v));
        query.until().ifPresent(v -> sql.and("occurred_at < ?", v));
        if (query.after().isPresent()) {
            List<String> key = PageCursor.decode("after", query.after().get(), 2);
            Instant at = instant(query.after().get(), key.get(0));
            long seq;
            try {
                seq = Long.parseLong(key.get(1));
            } catch (NumberFormatException e) {
                throw badCursor(query.after().get());
            }
            sql.and("(occurred_at > ? OR (occurred_at = ? AND seq > ?))", at, at, seq);
        }
        sql.text.append(" ORDER BY occurred_at, seq LIMIT ?");
        sql.params.add(query.limit() + 1);
        List<Keyed<AuditEntry>> rows = read(
                "reading audit entries", sql, rs -> Optional.of(new Keyed<>(AuditRows.entry(rs), rs.getLong("seq"))));
        Page<Keyed<AuditEntry>> page =
                page(rows, query.limit(), k -> List.of(k.item().occurredAt().toString(), Long.toString(k.seq())));
        return new Page<>(page.items().stream().map(Keyed::item).toList(), page.next());
    }

    @Override
    public Page<OutboxNotification> notifications(OutboxQuery query) {
        Sql sql = new Sql("SELECT idempotency_key, payload, status, attempts, next_attempt_at, last_error FROM "
                + ctx.tables().outbox() + " WHERE status IN ('PENDING', 'GIVEN_UP')");
        if (!query.states().isEmpty()) {
            List<String> any = new ArrayList<>();
            for (DeliveryState state : query.states()) {
                any.add(
                        switch (state) {
                            case PENDING -> "(status = 'PENDING' AND attempts = 0)";
                            case FAILING -> "(status = 'PENDING' AND attempts > 0)";
                            case GIVEN_UP -> "status = 'GIVEN_UP'";
                        });
            }
            sql.and("(" + String.join(" OR ", any) + ")");
        }
        query.taskId().ifPresent(v -> sql.and("task_id = ?", v));
        query.tenant().ifPresent(v -> sql.and("tenant = ?", v));
        query.after()
                .ifPresent(c -> sql.and(
                        "idempotency_key" + ctx.dialect().codePointOrder() + " > ?",
                        PageCursor.decode("after", c, 1).get(0)));
        sql.text.append(" ORDER BY idempotency_key" + ctx.dialect().codePointOrder() + " LIMIT ?");
        sql.params.add(query.limit() + 1);
        List<OutboxNotification> rows = read("reading the outbox", sql, rs -> {
            try {
                int attempts = rs.getInt("attempts");
                return Optional.of(new OutboxNotification(
                        JsonColumns.notification(rs.getString("payload")),
                        OutboxNotification.stateOf("GIVEN_UP".equals(rs.getString("status")), attempts),
                        attempts,
                        Timestamps.required(rs, "next_attempt_at"),
                        Optional.ofNullable(rs.getString("last_error"))));
            } catch (IllegalArgumentException unreadable) {
                LOG.warn(
                        "outbox row {} is unreadable; the list leaves it out: {}",
                        rs.getString("idempotency_key"),
                        unreadable.getMessage());
                return Optional.empty();
            }
        });
        return page(rows, query.limit(), n -> List.of(n.notification().idempotencyKey()));
    }

    private record Keyed<T>(T item, long seq) {}

    /** A row mapper that may leave an unreadable row out. */
    @FunctionalInterface
    private interface RowReader<T> {
        Optional<T> read(ResultSet rs) throws SQLException;
    }

    /** A statement built up clause by clause, with its parameters in order. */
    private static final class Sql {
        final StringBuilder text;
        final List<Object> params = new ArrayList<>();

        Sql(String select) {
            text = new StringBuilder(select);
        }

        void and(String condition, Object... values) {
            text.append(" AND ").append(condition);
            params.addAll(List.of(values));
        }
    }

    private <T> List<T> read(String what, Sql sql, RowReader<T> reader) {
        return ctx.tx().inTransaction(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.text.toString())) {
                int i = 1;
                for (Object param : sql.params) {
                    if (param instanceof Instant instant) {
                        Timestamps.bind(ps, i++, instant);
                    } else if (param instanceof Integer number) {
                        ps.setInt(i++, number);
                    } else if (param instanceof Long number) {
                        ps.setLong(i++, number);
                    } else {
                        ps.setString(i++, (String) param);
                    }
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        reader.read(rs).ifPresent(rows::add);
                    }
                }
                return rows;
            }
        });
    }

    /**
     * The first {@code limit} rows, and a cursor after the last of them when the statement found one
     * more. An unreadable row (logged, left out) makes its page short; in the look-ahead place it
     * ends the paging one page early, a known limit while such a row stays in the table.
     */
    private static <T> Page<T> page(List<T> rows, int limit, Function<T, List<String>> key) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, Optional.of(PageCursor.encode(key.apply(items.get(limit - 1)))));
    }

    private static Instant instant(String cursor, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw badCursor(cursor);
        }
    }

    private static IllegalArgumentException badCursor(String cursor) {
        return new IllegalArgumentException(
                "after must be a cursor that a page of this query returned, but was '" + cursor + "'");
    }
}
