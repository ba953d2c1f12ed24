-- escalation-jdbc schema, PostgreSQL, version 3: indexes for an operator's queries (issue #17).
-- Placeholders as in V1.

-- The worklist: active tasks by status and deadline, then id in code-point order (COLLATE "C"), the
-- order in which the queries sort and page them.
CREATE INDEX ${index_prefix}task_worklist ON ${table_prefix}task (status, deadline, id COLLATE "C") WHERE status IN ('OPEN', 'ON_HOLD');

-- The audit trail by time, by type and time, and by tenant and time; seq orders the entries of one
-- instant as they were stored, and is the tie-breaker of the queries' cursor.
CREATE INDEX ${index_prefix}audit_time ON ${table_prefix}audit (occurred_at, seq);
CREATE INDEX ${index_prefix}audit_type_time ON ${table_prefix}audit (type, occurred_at, seq);
CREATE INDEX ${index_prefix}audit_tenant_time ON ${table_prefix}audit (tenant, occurred_at, seq);

-- Undelivered notifications (pending, failing, given up) by key, the order the outbox query pages in.
CREATE INDEX ${index_prefix}outbox_undelivered ON ${table_prefix}outbox (idempotency_key COLLATE "C") WHERE status IN ('PENDING', 'GIVEN_UP');
