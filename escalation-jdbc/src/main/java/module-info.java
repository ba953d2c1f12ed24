/**
 * The durable, cluster-safe store on PostgreSQL and H2 over plain JDBC: {@code JdbcEscalationStore}
 * and its schema, audit verification and retention, in one package; the SQL lives in package-private
 * classes beside the API.
 */
module dev.escalation.jdbc {
    requires transitive dev.escalation.core;
    requires transitive java.sql;
    requires org.slf4j;
    requires com.fasterxml.jackson.databind;
    // Optional: imports COPY through pgjdbc when it is there (PgjdbcCopy); without it they insert arrays.
    requires static org.postgresql.jdbc;

    exports dev.escalation.jdbc;
}
