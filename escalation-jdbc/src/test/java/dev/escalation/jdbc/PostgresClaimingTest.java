package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.Scopes;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On PostgreSQL a claim skips rows that another transaction holds instead of waiting for them. */
class PostgresClaimingTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    final ManualClock clock = ManualClock.at(START);

    @Test
    @Timeout(
            value = 20,
            threadMode =
                    Timeout.ThreadMode.SEPARATE_THREAD) // fails instead of hanging if the claim waited for the lock
    void a_claim_skips_a_due_row_locked_by_another_transaction_without_waiting() throws Exception {
        JdbcEscalationStore store = db.store(clock);
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Approval", "alice", START));
        store.tasks().open(NewTask.of("PO-2", "purchase-order", "Approval", "alice", START));

        try (Connection other = db.dataSource().getConnection();
                Statement s = other.createStatement()) {
            other.setAutoCommit(false);
            try (ResultSet rs =
                    s.executeQuery("SELECT id FROM " + db.table("task") + " WHERE id = 'PO-1' FOR UPDATE")) {
                assertThat(rs.next()).isTrue();
            }

            List<WorkflowTask> claimed =
                    store.repository().claimDue(Scopes.run("runner", clock.now(), Duration.ofMinutes(5)), 10);

            assertThat(claimed).extracting(WorkflowTask::id).containsExactly("PO-2");
            other.rollback();
        }
        assertThat(store.repository().claimDue(Scopes.run("other", clock.now(), Duration.ofMinutes(5)), 10))
                .extracting(WorkflowTask::id)
                .containsExactly("PO-1");
    }
}
