package dev.escalation.cli;

import dev.escalation.jdbc.EscalationStoreException;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * How many outbox notifications wait for delivery (and how many of those have failed at least once)
 * and how many were given up, read from the {@code <prefix>outbox} table as docs/jdbc.md describes
 * it. Kept beside the store's {@code OperatorQueries.notifications(OutboxQuery)}: that query lists
 * notifications a page at a time (at most 1000, with their text) and has no count, so counting with
 * it would read every pending notification; one {@code COUNT} here reads none. It gives way to a
 * count in the store's API when one is added.
 *
 * @param pending  notifications not yet delivered, to be attempted again
 * @param retrying of those, the ones that failed at least once
 * @param givenUp  notifications given up after their last attempt
 */
record OutboxCounts(long pending, long retrying, long givenUp) {

    static OutboxCounts read(DataSource database, JdbcEscalationStore store, Optional<String> tenant) {
        String sql = "SELECT"
                + " COUNT(CASE WHEN status = 'PENDING' THEN 1 END),"
                + " COUNT(CASE WHEN status = 'PENDING' AND attempts > 0 THEN 1 END),"
                + " COUNT(CASE WHEN status = 'GIVEN_UP' THEN 1 END)"
                + " FROM " + store.schemaOptions().qualifiedPrefix() + "outbox"
                + (tenant.isPresent() ? " WHERE tenant = ?" : "");
        try (Connection c = database.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (tenant.isPresent()) {
                ps.setString(1, tenant.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new OutboxCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        } catch (SQLException e) {
            throw new EscalationStoreException("cannot count the outbox's notifications", e);
        }
    }
}
