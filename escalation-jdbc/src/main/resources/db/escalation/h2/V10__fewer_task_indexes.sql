-- escalation-jdbc schema, H2, version 10: fewer indexes on the task table (issue #19), as on
-- PostgreSQL. Placeholders as in V1 (the index prefix is qualified like the tables on H2).

-- V3's task_worklist (status, deadline, id) begins with both of these indexes' columns, so it
-- answers their queries: the active tasks by status, the open tasks by deadline.
DROP INDEX ${index_prefix}task_active;
DROP INDEX ${index_prefix}task_deadline;
-- task_warning (status, warning_at) stays as it is: H2 has no partial indexes to leave the tasks
-- without a warning point out of.
