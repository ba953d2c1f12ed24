-- escalation-jdbc schema, H2, version 10: two task indexes fewer (issue #19). Placeholders as in V1.
--
-- task_worklist (status, deadline, id) (V3) begins with both: task_active (status) and
-- task_deadline (status, deadline) answered nothing it does not.
DROP INDEX ${table_prefix}task_active;
DROP INDEX ${table_prefix}task_deadline;
