package dev.escalation.examples.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine over the adapter, end to end: instances that the host's own code wrote into
 * {@code workflow_instances} are picked up, warned about, escalated to the head of their
 * department, and the host's table shows the new assignee.
 */
class HostTableEscalationTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);
    final HostDatabase db = HostDatabase.create();
    final WorkflowInstanceTasks tasks = new WorkflowInstanceTasks(db.dataSource, clock);
    final WorkflowInstanceRepository repository = tasks.repository();
    final RecordingNotifier notifier = new RecordingNotifier();

    // The host's directory: the head of a department comes from the instance's department column.
    final Map<String, String> departmentHeads = Map.of("finance", "dora", "it", "ivan");
    final TargetResolver directory = (target, task, level) -> target.kind() == EscalationTarget.Kind.USER
            ? Optional.of(target.name())
            : Optional.ofNullable(departmentHeads.get(task.attributes().get("department")));

    final EscalationEngine engine = EscalationEngine.builder()
            .repository(repository)
            .policy(SlaPolicy.builder("Manager Approval")
                    .sla(Duration.ofHours(24))
                    .warnBefore(Duration.ofHours(2))
                    .escalateTo(EscalationTarget.role("department_head"))
                    .build())
            .targets(directory)
            .notifier(notifier)
            .build();

    @AfterEach
    void dropDatabase() throws SQLException {
        db.close();
    }

    @Test
    void an_instance_the_host_inserted_itself_is_escalated_once_tracked_and_the_host_table_shows_the_new_assignee() {
        insertInstance("PO-1", "alice", "finance", START);
        assertThat(tasks.trackOpenInstances()).isEqualTo(1);

        clock.advance(Duration.ofHours(24));
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(hostColumn("PO-1", "assignee")).isEqualTo("dora");
        assertThat(notifier.delivered(NotificationType.ESCALATION))
                .extracting(Notification::recipient)
                .contains("dora");
        assertThat(outboxStatus("PO-1/0/ESCALATION/1/new-assignee")).isEqualTo("DELIVERED");
    }

    @Test
    void the_sla_of_a_tracked_instance_counts_from_when_it_entered_its_stage() {
        insertInstance("PO-1", "alice", "it", START.minus(Duration.ofHours(30)));
        tasks.trackOpenInstances();

        RunReport first = engine.runOnce();

        // Already six hours late: the first run escalates at once and only audits the missed warning.
        assertThat(first.escalations()).isEqualTo(1);
        assertThat(first.warnings()).isZero();
        assertThat(repository.auditTrail().entriesOf(AuditType.STEP_SKIPPED)).hasSize(1);
        assertThat(hostColumn("PO-1", "assignee")).isEqualTo("ivan");
    }

    @Test
    void tracking_twice_watches_each_instance_once_and_ignores_finished_ones() {
        insertInstance("PO-1", "alice", "finance", START);
        insertInstance("PO-2", "bob", "finance", START);
        execute("UPDATE workflow_instances SET status = 'DONE' WHERE id = 'PO-2'");

        assertThat(tasks.trackOpenInstances()).isEqualTo(1);
        assertThat(tasks.trackOpenInstances()).isZero();
        assertThat(tasks.find("PO-2")).isEmpty();
    }

    @Test
    void the_run_report_says_when_the_next_step_falls_due() {
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START)
                .withAttributes(Map.of("department", "it")));

        RunReport report = engine.runOnce();

        assertThat(report.nextDueAt()).contains(START.plus(Duration.ofHours(22)));
    }

    @Test
    void an_instance_completed_through_the_store_is_done_in_the_host_table_and_never_escalates() {
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START)
                .withAttributes(Map.of("department", "it")));
        clock.advance(Duration.ofHours(23));
        engine.runOnce();

        tasks.complete("PO-1");
        clock.advance(Duration.ofDays(3));
        RunReport later = engine.runOnce();

        assertThat(hostColumn("PO-1", "status")).isEqualTo("DONE");
        assertThat(hostColumn("PO-1", "assignee")).isEqualTo("alice");
        assertThat(later.tasksChecked()).isZero();
        assertThat(notifier.delivered()).extracting(Notification::type).containsExactly(NotificationType.WARNING);
    }

    @Test
    void a_row_that_is_not_a_valid_task_is_skipped_and_the_others_still_escalate() {
        insertInstance("PO-bad", " ", "finance", START); // other code wrote a blank assignee
        insertInstance("PO-good", "alice", "finance", START);
        tasks.trackOpenInstances();

        clock.advance(Duration.ofHours(24));
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(hostColumn("PO-good", "assignee")).isEqualTo("dora");
        assertThat(repository.unreadableRowsSkipped()).isEqualTo(1);
        assertThat(report.nextDueAt()).contains(clock.now().plus(Duration.ofHours(1)));
    }

    // ---- the host's own SQL, as its existing code would run it --------------------------------

    private void insertInstance(String id, String assignee, String department, Instant stageEnteredAt) {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO workflow_instances (id, workflow_type, stage, assignee, priority,"
                                + " stage_entered_at, status, department, amount) VALUES (?, 'purchase-order', 'Manager Approval', ?, 'normal', ?,"
                                + " 'OPEN', ?, 1200.00)")) {
            ps.setString(1, id);
            ps.setString(2, assignee);
            ps.setObject(3, OffsetDateTime.ofInstant(stageEnteredAt, ZoneOffset.UTC));
            ps.setString(4, department);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hostColumn(String id, String column) {
        return queryString("SELECT " + column + " FROM workflow_instances WHERE id = '" + id + "'");
    }

    private String outboxStatus(String key) {
        return queryString("SELECT status FROM escalation_outbox WHERE idempotency_key = '" + key + "'");
    }

    private String queryString(String sql) {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as("a row for %s", sql).isTrue();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection c = db.dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
