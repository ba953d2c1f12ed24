package dev.escalation.examples.adapter;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A fresh in-memory H2 database per test with the host's table and the adapter's tables. It lives
 * while {@link #keepAlive} is open, so closing this drops it.
 */
final class HostDatabase implements AutoCloseable {

    final DataSource dataSource;
    private final Connection keepAlive;

    private HostDatabase(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        this.keepAlive = dataSource.getConnection();
    }

    static HostDatabase create() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:host-" + UUID.randomUUID());
        try {
            HostDatabase db = new HostDatabase(h2);
            EscalationTables.createHostTable(h2);
            EscalationTables.create(h2);
            return db;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open an in-memory H2 database", e);
        }
    }

    @Override
    public void close() throws SQLException {
        keepAlive.close();
    }
}
