-- escalation-jdbc schema, H2, version 3: indexes for an operator's queries (issue #17).
-- Placeholders as in V1. H2 has no partial indexes and compares text by code unit already.

-- The worklist: tasks by status and deadline, then id, the order in which the queries sort and page them.
CREATE INDEX ${index_prefix}task_worklist ON ${table_prefix}task (status, deadline, id);

-- The audit trail by time, by type and time, and by tenant and time; seq orders the entries of one
-- instant as they were stored, and is the tie-breaker of the queries' cursor.
CREATE INDEX ${index_prefix}audit_time ON ${table_prefix}audit (occurred_at, seq);
CREATE INDEX ${index_prefix}audit_type_time ON ${table_prefix}audit (type, occurred_at, seq);
CREATE INDEX ${index_prefix}audit_tenant_time ON ${table_prefix}audit (tenant, occurred_at, seq);

-- Notifications by status and key, the order the outbox query pages in.
CREATE INDEX ${index_prefix}outbox_undelivered ON ${table_prefix}outbox (status, idempotency_key);
