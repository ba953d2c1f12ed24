-- escalation-jdbc schema, PostgreSQL, version 10: fewer indexes on the task table (issue #19). Every
-- index a task row is in costs its import and every update of an indexed column (a step that moves a
-- planned instant is not a HOT update), so an index that another one covers goes.
-- Placeholders as in V1; an index lives in its table's schema, so DROP INDEX names it like the table.

-- V3's task_worklist (status, deadline, id) WHERE status IN ('OPEN', 'ON_HOLD') answers what these
-- two answered: the active tasks by status (its leading column), and the open tasks by deadline
-- (status = 'OPEN' fixes its first column, the deadline range bounds its second).
DROP INDEX ${table_prefix}task_active;
DROP INDEX ${table_prefix}task_deadline;

-- Every query of the warning index asks warning_at <= ? or warning_at > ?, which no NULL satisfies;
-- yet V1's index held an entry for every open task without a warning point (every task an import
-- opens before its first plan). Only the tasks that have one now.
DROP INDEX ${table_prefix}task_warning;
CREATE INDEX ${index_prefix}task_warning ON ${table_prefix}task (warning_at) WHERE status = 'OPEN' AND warning_at IS NOT NULL;
