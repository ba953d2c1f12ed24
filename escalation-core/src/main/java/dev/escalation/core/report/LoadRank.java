package dev.escalation.core.report;

import dev.escalation.core.Require;

/**
 * One person in a compliance report's ranking: an assignee by the tasks that breached their SLA
 * while assigned to them, or an escalation target by the tasks escalated to them; both with the
 * open tasks they hold at the end of the report's range.
 *
 * @param name      the assignee or escalation target
 * @param tasks     breached tasks (assignees) or escalated tasks (escalation targets) in the range
 * @param openTasks open tasks assigned to them at the end of the range
 */
public record LoadRank(String name, long tasks, long openTasks) {

    /**
     * Validates the rank.
     *
     * @param name      the assignee or escalation target
     * @param tasks     breached tasks (assignees) or escalated tasks (escalation targets) in the range
     * @param openTasks open tasks assigned to them at the end of the range
     * @throws IllegalArgumentException when the name is blank or a count is negative
     */
    public LoadRank {
        Require.text("name", name);
        ReportChecks.notNegative("tasks", tasks);
        ReportChecks.notNegative("openTasks", openTasks);
    }
}
