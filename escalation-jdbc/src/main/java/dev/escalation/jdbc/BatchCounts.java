package dev.escalation.jdbc;

import java.sql.Statement;

/**
 * Reads JDBC batch update counts. A compare-and-swap must know which rows it hit, so a driver that
 * answers {@link Statement#SUCCESS_NO_INFO} cannot be used (PostgreSQL's and H2's drivers report
 * real counts).
 */
final class BatchCounts {

    private BatchCounts() {}

    static boolean applied(int count) {
        return rows(count) > 0;
    }

    /** The rows one batched statement changed. */
    static int rows(int count) {
        if (count == Statement.SUCCESS_NO_INFO) {
            throw new EscalationStoreException("the JDBC driver did not report batch update counts (SUCCESS_NO_INFO);"
                    + " escalation-jdbc needs them to know which compare-and-swap updates applied");
        }
        return count;
    }
}
