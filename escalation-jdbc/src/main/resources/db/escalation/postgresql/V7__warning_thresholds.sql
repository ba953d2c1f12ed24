-- escalation-jdbc schema, PostgreSQL, version 7: how many warning thresholds each task has had
-- (issue #20). A policy may warn at several thresholds (50 %, 75 %, 90 % of the SLA), each once per
-- cycle; a task warned before this version had its one warning, so it counts 1.

ALTER TABLE ${table_prefix}task ADD COLUMN warnings_sent INTEGER NOT NULL DEFAULT 0;
UPDATE ${table_prefix}task SET warnings_sent = 1 WHERE warned_at IS NOT NULL;
