-- escalation-jdbc schema, PostgreSQL, version 10: two task indexes fewer (issue #19). Placeholders as in V1.
--
-- task_worklist (status, deadline, id) WHERE status IN ('OPEN', 'ON_HOLD') (V3) answers what these two
-- answered: the active and on-hold tasks are the leading column of the same predicate (task_active), and
-- the open tasks past a deadline, or whose deadline passed in an interval, are one range of it
-- (status = 'OPEN', then deadline: task_deadline). Every index kept is written by every insert (a bulk
-- import's) and by every update that is not HOT (the engine's compare-and-swap of a step changes the due
-- instant): five task indexes instead of seven.
DROP INDEX ${table_prefix}task_active;
DROP INDEX ${table_prefix}task_deadline;
