package dev.escalation.jdbc;

import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.WorkflowTask;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pages through the active task rows by primary key (keyset paging: {@code id > ?} ordered by id),
 * so every page costs one index range scan, however deep into the table it starts, and nothing is
 * locked or claimed. The database's collation orders the ids for both the comparison and the sort,
 * which is all that keyset paging needs. Unreadable rows are passed over and the page is filled from
 * the following ones, so a caller never takes a page of bad rows for the end.
 */
final class OpenTaskPages {

    private final StoreContext ctx;

    OpenTaskPages(StoreContext ctx) {
        this.ctx = ctx;
    }

    List<WorkflowTask> page(RunScope scope, Optional<String> afterId, int limit) {
        List<WorkflowTask> tasks = new ArrayList<>(limit);
        Optional<String> after = afterId;
        while (tasks.size() < limit) {
            int wanted = limit - tasks.size();
            List<TaskRows.Row> rows = read(scope, after, wanted);
            for (TaskRows.Row row : rows) {
                if (row instanceof TaskRows.ReadableRow readable) {
                    tasks.add(readable.task());
                }
            }
            if (rows.size() < wanted) {
                break; // the end of the table
            }
            after = Optional.of(rows.get(rows.size() - 1).id());
        }
        return tasks;
    }

    private List<TaskRows.Row> read(RunScope scope, Optional<String> after, int limit) {
        String sql = "SELECT " + TaskRows.COLUMNS + " FROM " + ctx.tables().task()
                + " WHERE status IN ('OPEN', 'ON_HOLD') AND id > ?"
                + StoreContext.tenantFilter(scope.tenants()) + " ORDER BY id LIMIT ?";
        return ctx.tx().inOneStatement("reading a page of open tasks", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                // The first page starts after the empty string, which sorts before every (non-blank) id.
                ps.setString(i++, after.orElse(""));
                for (String tenant : StoreContext.sorted(scope.tenants())) {
                    ps.setString(i++, tenant);
                }
                ps.setInt(i, limit);
                List<TaskRows.Row> rows = new ArrayList<>(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(TaskRows.read(rs));
                    }
                }
                return rows;
            }
        });
    }
}
