-- escalation-jdbc schema, H2, version 9: acknowledgements with a timeout and snoozes (issue #20).
-- Rows of earlier versions keep NULL in all four: neither acknowledged nor snoozed, as they were.

-- Who acknowledged the task in its current cycle and when; both NULL when nobody has, or the
-- acknowledgement timed out (the engine clears them in the transition that escalates).
ALTER TABLE ${table_prefix}task ADD COLUMN acknowledged_by VARCHAR;
ALTER TABLE ${table_prefix}task ADD COLUMN acknowledged_at TIMESTAMP(6) WITH TIME ZONE;
-- When the reminders were last snoozed and until when; both NULL when never snoozed in this cycle.
ALTER TABLE ${table_prefix}task ADD COLUMN snoozed_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE ${table_prefix}task ADD COLUMN snoozed_until TIMESTAMP(6) WITH TIME ZONE;
