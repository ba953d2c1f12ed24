-- escalation-jdbc schema, H2, version 2: the policy id and version each task was planned under
-- (issue #16). Rows of version 1 keep NULL in both until the engine next plans them.

ALTER TABLE ${table_prefix}task ADD COLUMN policy_id VARCHAR;
ALTER TABLE ${table_prefix}task ADD COLUMN policy_version VARCHAR;
-- H2 has no partial indexes: status leads, as in the other indexes on open tasks.
CREATE INDEX ${index_prefix}task_policy ON ${table_prefix}task (status, policy_id, policy_version, id);
