package dev.escalation.jdbc;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.report.ComplianceReport;
import dev.escalation.core.report.ComplianceReporter;
import dev.escalation.core.report.ReportPeriod;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Streams the audit entries of a time range, oldest first, a page of rows at a time: the input of a
 * {@link ComplianceReport} over millions of entries without holding them. It reads in one read-only
 * transaction (PostgreSQL's driver streams with a fetch size only outside auto-commit), ordered by
 * {@code occurred_at} and then by append order. Thread-safe: each read uses its own connection.
 *
 * <pre>{@code
 * JdbcAuditSource audit = new JdbcAuditSource(dataSource, SchemaOptions.defaults(), 1_000);
 * ComplianceReport week = audit.report(from, to, ReportPeriod.DAY);
 * }</pre>
 */
public final class JdbcAuditSource {

    /** The fetch size of {@link #of(DataSource)}: rows the driver holds at a time. */
    public static final int DEFAULT_FETCH_SIZE = 1_000;

    private final DataSource dataSource;
    private final Tables tables;
    private final int fetchSize;

    /**
     * A source over the audit table of {@code options}.
     *
     * @param dataSource where the tables are
     * @param options    the schema and table prefix the store uses
     * @param fetchSize  rows the driver fetches at a time, at least 1
     * @throws IllegalArgumentException when a value is missing or the fetch size is not positive
     */
    public JdbcAuditSource(DataSource dataSource, SchemaOptions options, int fetchSize) {
        this.dataSource = Require.present("dataSource", dataSource);
        this.tables = new Tables(Require.present("options", options));
        this.fetchSize = Require.positive("fetchSize", fetchSize);
    }

    /**
     * A source over the default tables with the {@linkplain #DEFAULT_FETCH_SIZE default fetch size}.
     *
     * @param dataSource where the tables are
     * @return the source
     */
    public static JdbcAuditSource of(DataSource dataSource) {
        return new JdbcAuditSource(dataSource, SchemaOptions.defaults(), DEFAULT_FETCH_SIZE);
    }

    /**
     * Hands each entry that occurred in {@code [from, to)} to {@code reader}, oldest first, until the
     * reader returns false or the range ends.
     *
     * @param from   the start of the range, inclusive
     * @param to     the end of the range, exclusive
     * @param reader takes each entry; returns false to stop reading
     * @return the number of entries handed to the reader
     * @throws IllegalArgumentException when a value is missing or {@code to} is before {@code from}
     * @throws EscalationStoreException when the database fails
     */
    public long read(Instant from, Instant to, Predicate<AuditEntry> reader) {
        Require.present("from", from);
        Require.present("to", to);
        Objects.requireNonNull(reader, "reader");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to must not be before from (" + from + "), but was " + to);
        }
        String sql = "SELECT " + AuditRows.ENTRY_COLUMNS + " FROM " + tables.audit()
                + " WHERE occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at, seq";
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(fetchSize);
                Timestamps.bind(ps, 1, from);
                Timestamps.bind(ps, 2, to);
                long count = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        if (!reader.test(AuditRows.entry(rs))) {
                            break;
                        }
                    }
                }
                return count;
            } finally {
                // Read-only: nothing to keep; ending the transaction frees the driver's cursor.
                c.rollback();
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new EscalationStoreException("reading the audit entries from " + from + " to " + to + " failed", e);
        }
    }

    /**
     * The compliance report over {@code [from, to)}. Reads the trail from its first entry, so that a
     * task opened before {@code from} is known by its workflow type and stage when it completes.
     *
     * @param from   the start of the range, inclusive
     * @param to     the end of the range, exclusive
     * @param period the length of each row's period
     * @return the report
     * @throws IllegalArgumentException when a value is missing or the range is empty
     * @throws EscalationStoreException when the database fails
     */
    public ComplianceReport report(Instant from, Instant to, ReportPeriod period) {
        ComplianceReporter reporter = new ComplianceReporter(from, to, period);
        read(Timestamps.EARLIEST, to, reporter::accept);
        return reporter.report();
    }
}
