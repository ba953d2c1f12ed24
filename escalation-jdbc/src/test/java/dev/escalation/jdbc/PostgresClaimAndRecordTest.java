package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.spi.RecordedBatch;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.WorkflowRepository;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On PostgreSQL the engine's due batch is claimed, planned and recorded in one transaction: the
 * rows are held by their locks, not by a lease written to them (issue #19: one write per task row).
 */
class PostgresClaimAndRecordTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    final ManualClock clock = ManualClock.at(START);

    @Test
    void a_batch_being_planned_is_held_by_row_locks_without_a_lease_written_to_its_rows() throws Exception {
        JdbcEscalationStore store = db.store(clock);
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Approval", "alice", START));
        WorkflowRepository repository = store.repository();
        List<String> leasesSeenWhilePlanning = new ArrayList<>();
        List<WorkflowTask> claimedByAnotherRunWhilePlanning = new ArrayList<>();

        RecordedBatch batch = repository.claimAndRecord(run("runner"), 10, tasks -> {
            leasesSeenWhilePlanning.add(leaseOf("PO-1"));
            claimedByAnotherRunWhilePlanning.addAll(repository.claimDue(run("other"), 10));
            return List.of();
        });

        assertThat(batch.claimed()).isEqualTo(1);
        assertThat(leasesSeenWhilePlanning).containsExactly("no lease");
        assertThat(claimedByAnotherRunWhilePlanning).isEmpty();
    }

    @Test
    void a_batch_whose_planning_fails_is_held_until_its_lease_ends_as_a_claimed_batch_is() {
        JdbcEscalationStore store = db.store(clock);
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Approval", "alice", START));
        WorkflowRepository repository = store.repository();

        assertThatThrownBy(() -> repository.claimAndRecord(run("dying"), 10, tasks -> {
                    throw new IllegalStateException("the planner fails");
                }))
                .hasMessage("the planner fails");

        assertThat(repository.claimDue(run("next"), 10)).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(repository.claimDue(run("after the lease"), 10))
                .extracting(WorkflowTask::id)
                .containsExactly("PO-1");
    }

    @Test
    void a_batch_planned_to_no_transition_leaves_its_tasks_due_at_once() {
        JdbcEscalationStore store = db.store(clock);
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Approval", "alice", START));
        WorkflowRepository repository = store.repository();

        RecordedBatch batch = repository.claimAndRecord(run("runner"), 10, tasks -> List.of());

        assertThat(batch.claimed()).isEqualTo(1);
        assertThat(batch.applied()).isEmpty();
        assertThat(repository.claimDue(run("next"), 10))
                .extracting(WorkflowTask::id)
                .containsExactly("PO-1");
    }

    private RunScope run(String runId) {
        return Scopes.run(runId, clock.now(), Duration.ofMinutes(5));
    }

    /** The row's lease as another connection sees it. */
    private String leaseOf(String taskId) {
        try (Connection other = db.dataSource().getConnection();
                Statement s = other.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT claimed_by FROM " + db.table("task") + " WHERE id = '" + taskId + "'")) {
            assertThat(rs.next()).isTrue();
            String claimedBy = rs.getString(1);
            return claimedBy == null ? "no lease" : "leased by " + claimedBy;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
