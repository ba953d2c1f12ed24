-- Operator actions (issue 17): redelivering given-up notifications and pausing policies.

-- The redelivery request that put a given-up notification back in the outbox: its new series of
-- attempts is audited under it, so giving it up again is a new audit entry. NULL for a first series.
ALTER TABLE ${table_prefix}outbox ADD COLUMN redelivery VARCHAR;

-- Given-up notifications by when they were given up, and by task: what a redelivery selects.
CREATE INDEX ${index_prefix}outbox_given_up ON ${table_prefix}outbox (status, updated_at);
CREATE INDEX ${index_prefix}outbox_given_up_task ON ${table_prefix}outbox (task_id, status);

-- Every redelivery request acted on: its id is the key, so a second press of the same request
-- inserts nothing and changes nothing.
CREATE TABLE ${table_prefix}operator_request (
    request_id    VARCHAR     NOT NULL PRIMARY KEY,
    operator      VARCHAR     NOT NULL,
    requested_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);

-- Paused policies, by name: every engine on the database reads them once per run.
CREATE TABLE ${table_prefix}policy_pause (
    policy_name   VARCHAR     NOT NULL PRIMARY KEY,
    operator      VARCHAR     NOT NULL,
    paused_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
