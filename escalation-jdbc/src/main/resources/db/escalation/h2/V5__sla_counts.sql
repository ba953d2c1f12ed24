-- escalation-jdbc schema, H2, version 5: the tables of PostgreSQL's maintained SLA counts (issue #19).
-- Placeholders as in V1.
--
-- On PostgreSQL, triggers keep task_count_change up to date and the store reads the counts from
-- these tables at a cost that does not grow with the open tasks. H2 has no SQL triggers (only Java
-- ones), so on H2 the store counts the task table directly, as before version 5, and these tables
-- stay empty; they exist so that both databases have the same tables.

CREATE TABLE ${table_prefix}task_count (
    tenant_key   VARCHAR NOT NULL PRIMARY KEY,
    active       BIGINT      NOT NULL,
    on_hold      BIGINT      NOT NULL,
    near         BIGINT      NOT NULL,
    breached     BIGINT      NOT NULL,
    counted_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE ${table_prefix}task_count_change (
    tenant       VARCHAR,
    status       VARCHAR NOT NULL,
    warning_at   TIMESTAMP WITH TIME ZONE,
    deadline     TIMESTAMP WITH TIME ZONE,
    delta        BIGINT      NOT NULL
);
