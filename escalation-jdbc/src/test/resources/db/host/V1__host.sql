-- A host application's own first migration, with the version number the library's schema uses too.
CREATE TABLE purchase_order (
    id           VARCHAR(40) NOT NULL PRIMARY KEY,
    amount_cents BIGINT      NOT NULL
);
