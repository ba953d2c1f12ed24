-- escalation-jdbc on Citus, version 9: the PostgreSQL schema of the versions before distributed by tenant
-- (issue 19). Run it on the Citus coordinator after the PostgreSQL files V1-V8 (EscalationSchema.create
-- with SqlDialect.CITUS does both); placeholders as in V1. Tables that hold rows already are converted
-- in place: create_distributed_table moves their rows to the workers.
--
-- Citus requires the distribution column in every primary key and unique index, and routes a statement
-- to one shard only when it fixes that column. So tenant becomes NOT NULL and leads every key; a task
-- without a tenant is stored under the empty tenant '' (no tenant can be named so: core rejects a blank
-- one) and reads back as "no tenant". Its audit entries keep their chain 'global', whose head row is
-- the empty tenant's. Every table is colocated with the task table, so one tenant's task, audit,
-- chain-head and outbox rows live on one worker and a step's transaction touches one shard group.

-- V5's maintained SLA counts go: Citus refuses to distribute a table with triggers (unless
-- citus.enable_unsafe_triggers, under which each shard's trigger would write a count table that is not
-- colocated with it, outside the router's guarantees). On Citus the store counts directly instead, one
-- read-only aggregate that every worker runs over its own shards in parallel (docs/scaling-out.md).
DROP TRIGGER ${index_prefix}task_counted_update ON ${table_prefix}task;
DROP TRIGGER ${index_prefix}task_counted_delete ON ${table_prefix}task;
DROP TRIGGER ${index_prefix}task_counted_insert ON ${table_prefix}task;
DROP FUNCTION ${table_prefix}task_count_row();
DROP FUNCTION ${table_prefix}task_count_inserted();
DROP TABLE ${table_prefix}task_count_change;
DROP TABLE ${table_prefix}task_count;

UPDATE ${table_prefix}task SET tenant = '' WHERE tenant IS NULL;
ALTER TABLE ${table_prefix}task ALTER COLUMN tenant SET NOT NULL;
ALTER TABLE ${table_prefix}task DROP CONSTRAINT ${index_prefix}task_pkey;
ALTER TABLE ${table_prefix}task ADD CONSTRAINT ${index_prefix}task_pkey PRIMARY KEY (tenant, id);
-- The claim indexes lead with the tenant too: a claim reads one tenant's due rows in due order.
DROP INDEX ${table_prefix}task_due;
CREATE INDEX ${index_prefix}task_due ON ${table_prefix}task (tenant, next_check_at) WHERE next_check_at IS NOT NULL;
DROP INDEX ${table_prefix}task_policy;
CREATE INDEX ${index_prefix}task_policy ON ${table_prefix}task (tenant, policy_id, policy_version, id) WHERE status = 'OPEN';

UPDATE ${table_prefix}audit SET tenant = '' WHERE tenant IS NULL;
ALTER TABLE ${table_prefix}audit ALTER COLUMN tenant SET NOT NULL;
ALTER TABLE ${table_prefix}audit DROP CONSTRAINT ${index_prefix}audit_pkey;
ALTER TABLE ${table_prefix}audit ADD CONSTRAINT ${index_prefix}audit_pkey PRIMARY KEY (tenant, entry_id);
DROP INDEX ${table_prefix}audit_chain_seq;
CREATE UNIQUE INDEX ${index_prefix}audit_chain_seq ON ${table_prefix}audit (tenant, chain, chain_seq);

-- A chain's head lives with its tenant's entries: 'tenant:<name>' with <name>, every other chain with ''.
ALTER TABLE ${table_prefix}audit_chain ADD COLUMN tenant TEXT;
UPDATE ${table_prefix}audit_chain SET tenant = CASE WHEN chain LIKE 'tenant:%' THEN substr(chain, 8) ELSE '' END;
ALTER TABLE ${table_prefix}audit_chain ALTER COLUMN tenant SET NOT NULL;
ALTER TABLE ${table_prefix}audit_chain DROP CONSTRAINT ${index_prefix}audit_chain_pkey;
ALTER TABLE ${table_prefix}audit_chain ADD CONSTRAINT ${index_prefix}audit_chain_pkey PRIMARY KEY (tenant, chain);

UPDATE ${table_prefix}outbox SET tenant = '' WHERE tenant IS NULL;
ALTER TABLE ${table_prefix}outbox ALTER COLUMN tenant SET NOT NULL;
ALTER TABLE ${table_prefix}outbox DROP CONSTRAINT ${index_prefix}outbox_pkey;
ALTER TABLE ${table_prefix}outbox ADD CONSTRAINT ${index_prefix}outbox_pkey PRIMARY KEY (tenant, idempotency_key);
DROP INDEX ${table_prefix}outbox_pending;
CREATE INDEX ${index_prefix}outbox_pending ON ${table_prefix}outbox (tenant, next_attempt_at) WHERE status = 'PENDING';

SELECT create_distributed_table('${table_prefix}task', 'tenant');
SELECT create_distributed_table('${table_prefix}audit', 'tenant', colocate_with => '${table_prefix}task');
SELECT create_distributed_table('${table_prefix}audit_chain', 'tenant', colocate_with => '${table_prefix}task');
SELECT create_distributed_table('${table_prefix}outbox', 'tenant', colocate_with => '${table_prefix}task');
-- Operator requests and policy pauses have no tenant and are small: a copy on every node.
SELECT create_reference_table('${table_prefix}operator_request');
SELECT create_reference_table('${table_prefix}policy_pause');
