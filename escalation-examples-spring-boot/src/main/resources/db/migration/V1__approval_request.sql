-- The service's own table, migrated by Boot's Flyway; the library's tables come from the starter's
-- own Flyway run under escalation_schema_history.
CREATE TABLE approval_request (
    id          VARCHAR(64) PRIMARY KEY,
    requester   VARCHAR(64) NOT NULL,
    approver    VARCHAR(64) NOT NULL,
    status      VARCHAR(16) NOT NULL,
    approved_by VARCHAR(64),
    CONSTRAINT no_self_approval CHECK (approved_by IS NULL OR approved_by <> requester)
);
