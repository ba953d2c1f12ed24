-- escalation-jdbc schema, PostgreSQL, version 11: two indexes leave out the rows that none of their
-- queries can find (issue #19). An index entry costs every insert of its row (an import of a million
-- tasks writes a million of each) and the index's pages in memory; these held one for every task
-- without a plan and every audit entry without a tenant. Placeholders as in V1.

-- task_policy answers "the open tasks planned under this policy version" (policy_id = ? AND
-- policy_version = ?) and "the versions open tasks are planned under" (policy_id IS NOT NULL): a task
-- not planned yet has no policy_id, so neither can find it, yet every task an import opens was in the
-- index. The index keeps its columns, which differ on Citus (V9 leads them with the tenant): only its
-- predicate gains "AND policy_id IS NOT NULL". One statement per EXECUTE, so Citus propagates each.
DO $$
DECLARE
    definition TEXT := pg_get_indexdef('${table_prefix}task_policy'::regclass);
    open_only CONSTANT TEXT := 'WHERE (status = ''OPEN''::text)';
BEGIN
    IF position(open_only IN definition) = 0 THEN
        RAISE EXCEPTION 'task_policy is not the index V2 or V9 created: %', definition;
    END IF;
    EXECUTE 'DROP INDEX ${table_prefix}task_policy';
    EXECUTE replace(definition, open_only, 'WHERE ((status = ''OPEN''::text) AND (policy_id IS NOT NULL))');
END
$$;

-- audit_tenant_time answers the audit queries for one tenant (tenant = ?), which no entry without a
-- tenant satisfies. On Citus every entry has one (V9 stores '' for none), so nothing changes there.
DROP INDEX ${table_prefix}audit_tenant_time;
CREATE INDEX ${index_prefix}audit_tenant_time ON ${table_prefix}audit (tenant, occurred_at, seq) WHERE tenant IS NOT NULL;
