-- escalation-jdbc schema, PostgreSQL, version 5: SLA counts kept as the tasks change (issue #19).
-- Placeholders as in V1.
--
-- Counting a million open tasks by SLA status costs 90-320 ms; a run on a one-minute schedule must
-- not pay it. task_count holds the counts per tenant ('' for tasks without one) as of counted_at;
-- every change of an active task's status, warning point, deadline or tenant since then is a row of
-- task_count_change (the old state with delta -1, the new one with +1), written by the triggers below
-- in the changing transaction. The counts at an instant after counted_at are task_count, plus the
-- changes evaluated at counted_at, plus the open tasks whose warning point or deadline passed in
-- between (range scans of the warning and deadline indexes over that interval only). The store folds
-- the changes into task_count every few minutes (see SlaQueries).

CREATE TABLE ${table_prefix}task_count (
    tenant_key   TEXT        NOT NULL PRIMARY KEY,
    active       BIGINT      NOT NULL,
    on_hold      BIGINT      NOT NULL,
    near         BIGINT      NOT NULL,
    breached     BIGINT      NOT NULL,
    counted_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Insert-only, so that concurrent writers never wait for each other on it.
CREATE TABLE ${table_prefix}task_count_change (
    tenant       TEXT,
    status       TEXT        NOT NULL,
    warning_at   TIMESTAMP WITH TIME ZONE,
    deadline     TIMESTAMP WITH TIME ZONE,
    delta        BIGINT      NOT NULL
);

-- One row changed: its old state leaves the counts, its new one enters them (active states only).
CREATE OR REPLACE FUNCTION ${table_prefix}task_count_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' OR TG_OP = 'DELETE' THEN
        IF OLD.status IN ('OPEN', 'ON_HOLD') THEN
            INSERT INTO ${table_prefix}task_count_change (tenant, status, warning_at, deadline, delta)
            VALUES (OLD.tenant, OLD.status, OLD.warning_at, OLD.deadline, -1);
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.status IN ('OPEN', 'ON_HOLD') THEN
            INSERT INTO ${table_prefix}task_count_change (tenant, status, warning_at, deadline, delta)
            VALUES (NEW.tenant, NEW.status, NEW.warning_at, NEW.deadline, 1);
        END IF;
    END IF;
    RETURN NULL;
END
$$;

-- Rows inserted by one statement (an import inserts thousands): one change row per distinct state.
CREATE OR REPLACE FUNCTION ${table_prefix}task_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ${table_prefix}task_count_change (tenant, status, warning_at, deadline, delta)
    SELECT tenant, status, warning_at, deadline, COUNT(*) FROM inserted_rows
    WHERE status IN ('OPEN', 'ON_HOLD') GROUP BY tenant, status, warning_at, deadline;
    RETURN NULL;
END
$$;

-- A step's update rewrites the same warning point and deadline: the WHEN clause, checked without
-- calling the function, lets only real changes through.
CREATE TRIGGER ${index_prefix}task_counted_update AFTER UPDATE ON ${table_prefix}task FOR EACH ROW
    WHEN ((OLD.status IS DISTINCT FROM NEW.status OR OLD.warning_at IS DISTINCT FROM NEW.warning_at
           OR OLD.deadline IS DISTINCT FROM NEW.deadline OR OLD.tenant IS DISTINCT FROM NEW.tenant)
          AND (OLD.status IN ('OPEN', 'ON_HOLD') OR NEW.status IN ('OPEN', 'ON_HOLD')))
    EXECUTE FUNCTION ${table_prefix}task_count_row();
CREATE TRIGGER ${index_prefix}task_counted_delete AFTER DELETE ON ${table_prefix}task FOR EACH ROW
    WHEN (OLD.status IN ('OPEN', 'ON_HOLD'))
    EXECUTE FUNCTION ${table_prefix}task_count_row();
CREATE TRIGGER ${index_prefix}task_counted_insert AFTER INSERT ON ${table_prefix}task
    REFERENCING NEW TABLE AS inserted_rows FOR EACH STATEMENT
    EXECUTE FUNCTION ${table_prefix}task_count_inserted();
