-- escalation-jdbc schema, PostgreSQL, version 8: the progress of each named goal of a task (issue #20),
-- as the text of dev.escalation.core.task.GoalBook. NULL for every task whose policy defines no goals,
-- which is every task stored before this version: their rows stay as they were.
ALTER TABLE ${table_prefix}task ADD COLUMN goals TEXT;
