-- The recipient directory of escalation-notify, for PostgreSQL and H2 alike (plain SQL types).
-- working_hours: the JSON shape of a BusinessCalendar without its zone, e.g.
-- {"working_hours": {"MONDAY": ["09:00-17:00"], "TUESDAY": ["09:00-17:00"]}, "holidays": {"2026-12-24": "Christmas Eve"}};
-- NULL means Monday to Friday, 09:00-17:00 in time_zone.
CREATE TABLE IF NOT EXISTS escalation_recipient (
    id            VARCHAR(200)  NOT NULL PRIMARY KEY,
    email         VARCHAR(320),
    webhook_url   VARCHAR(2000),
    locale        VARCHAR(35)   NOT NULL,
    time_zone     VARCHAR(64)   NOT NULL,
    working_hours VARCHAR(8000)
)
