package dev.escalation.jdbc;

import dev.escalation.core.time.Clock;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The database server's time as the store's {@link Clock}: every node that shares the database reads
 * one clock, so host changes, runs and their leases agree however far the nodes' own clocks drift
 * apart. Each reading is one {@code SELECT} (PostgreSQL's {@code clock_timestamp()}, the wall time
 * even inside a transaction; H2's {@code CURRENT_TIMESTAMP}), on the connection of the transaction
 * the thread is in when there is one, so a host change needs no second connection for it.
 */
final class DatabaseClock implements Clock {

    private final Transactions tx;
    private final String query;

    DatabaseClock(Transactions tx, SqlDialect dialect) {
        this.tx = tx;
        this.query = switch (dialect) {
            case POSTGRESQL, CITUS -> "SELECT clock_timestamp()";
            case H2 -> "SELECT CURRENT_TIMESTAMP";
        };
    }

    @Override
    public Instant now() {
        return tx.joiningCurrent("reading the database clock", c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(query)) {
                rs.next();
                return Timestamps.truncate(rs.getObject(1, OffsetDateTime.class).toInstant());
            }
        });
    }
}
