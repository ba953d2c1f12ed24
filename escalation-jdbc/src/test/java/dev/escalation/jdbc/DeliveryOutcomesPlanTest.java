package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.spi.DeliveryOutcome;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #19: a batch's delivery outcomes are one statement over arrays on PostgreSQL; it must find
 * its rows by key, whatever the statistics say of the rows already delivered.
 */
class DeliveryOutcomesPlanTest {

    static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    @Test
    void outcomes_find_their_rows_through_the_primary_key_when_every_analyzed_row_is_delivered() throws Exception {
        String outbox = db.table("outbox");
        db.store(ManualClock.at(NOW));
        // given an outbox of 20,000 delivered rows, analyzed, and a batch of 500 just inserted pending
        db.execute("INSERT INTO " + outbox + " (idempotency_key, task_id, payload, status, attempts, next_attempt_at,"
                + " created_at, updated_at) SELECT 'delivered-' || g, 'task-' || g, '{}', 'DELIVERED', 1, now(),"
                + " now(), now() FROM generate_series(1, 20000) AS g");
        db.execute("ANALYZE " + outbox);
        db.execute("INSERT INTO " + outbox + " (idempotency_key, task_id, payload, status, attempts, next_attempt_at,"
                + " created_at, updated_at) SELECT 'pending-' || g, 'task-' || g, '{}', 'PENDING', 0, now(),"
                + " now(), now() FROM generate_series(1000, 1499) AS g");
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (int k = 1000; k < 1500; k++) {
            outcomes.add(DeliveryOutcome.delivered("pending-" + k, 0, NOW));
        }

        // when the outcomes' statement is planned
        String plan =
                explain(OutcomesAtOnce.statement(new Tables(db.schema()), Dialect.of(SqlDialect.POSTGRESQL)), outcomes);

        // then it looks the keys up in the primary key, neither reading the whole outbox nor comparing each
        // of the batch's rows with every key
        assertThat(plan)
                .contains("outbox_pkey")
                .doesNotContain("Seq Scan")
                .doesNotContain("Rows Removed by Join Filter");
    }

    /** The plan of {@code statement} for {@code outcomes}, as PostgreSQL ran it. */
    private String explain(String statement, List<DeliveryOutcome> outcomes) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE) " + statement)) {
            // EXPLAIN ANALYZE runs the update: in a transaction that is rolled back.
            c.setAutoCommit(false);
            OutcomesAtOnce.bind(ps, c, outcomes, NOW);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
        return plan.toString();
    }
}
