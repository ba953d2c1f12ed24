/**
 * The durable, cluster-safe store on PostgreSQL and H2 over plain JDBC: {@code JdbcEscalationStore}
 * and its schema, audit verification and retention. Exports only {@code dev.escalation.jdbc}; the
 * SQL lives in {@code dev.escalation.jdbc.internal}, which may change at any time.
 */
module dev.escalation.jdbc {
    requires transitive dev.escalation.core;
    requires transitive java.sql;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;

    exports dev.escalation.jdbc;
}
