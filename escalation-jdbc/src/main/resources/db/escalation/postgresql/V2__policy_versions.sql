-- escalation-jdbc schema, PostgreSQL, version 2: the policy id and version each task was planned under
-- (issue #16). Rows of version 1 keep NULL in both until the engine next plans them.

ALTER TABLE ${table_prefix}task ADD COLUMN policy_id TEXT;
ALTER TABLE ${table_prefix}task ADD COLUMN policy_version TEXT;
-- Open tasks by recorded policy version: an engine handed a changed policy lists the versions and
-- claims the tasks of one version, at a cost that follows the affected tasks, not all open tasks.
CREATE INDEX ${index_prefix}task_policy ON ${table_prefix}task (policy_id, policy_version, id) WHERE status = 'OPEN';
