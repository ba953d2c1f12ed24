package dev.escalation.jdbc.testing;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * Plans of the store's statements on PostgreSQL with sequential scans priced out
 * ({@code enable_seqscan = off}): a sequential scan then shows only where no index can answer, so a
 * test can say which index a statement reads through whatever the table's size.
 */
public final class IndexPlans {

    /** A scan through an index: of its entries and the rows they point to, or of a bitmap of them. */
    public static final String INDEX_SCAN = "(Index (Only )?Scan using|Bitmap Index Scan on) ";

    private IndexPlans() {}

    /** The EXPLAIN output of {@code sql} with {@code parameters} bound as the store bound them. */
    public static String withoutSeqScans(DataSource source, String sql, List<RecordedStatements.Parameter> parameters)
            throws Exception {
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
            }
            try {
                return ShardRouting.plan(c, sql, parameters);
            } finally {
                c.rollback();
            }
        }
    }
}
