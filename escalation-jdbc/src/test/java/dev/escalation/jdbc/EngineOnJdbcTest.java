package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.Scopes;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The engine end to end on a JDBC store: the same behaviour as in memory, kept in the database. */
abstract class EngineOnJdbcTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);
    final RecordingNotifier notifier = new RecordingNotifier();
    final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    abstract TestDatabase db();

    JdbcEscalationStore store;
    EscalationEngine engine;

    void setUp() {
        store = db().store(clock);
        engine = EscalationEngine.builder()
                .repository(store.repository())
                .policy(policy)
                .notifier(notifier)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .build();
    }

    @Test
    void warns_at_the_warning_minute_and_not_one_earlier() {
        setUp();
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        engine.runOnce();

        clock.set(START.plus(Duration.ofHours(22)).minusSeconds(60));
        assertThat(engine.runOnce().warnings()).isZero();

        clock.advance(Duration.ofMinutes(1));
        RunReport report = engine.runOnce();

        assertThat(report.warnings()).isEqualTo(1);
        assertThat(notifier.delivered(NotificationType.WARNING))
                .singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("alice"));
        assertThat(store.auditTrail().entriesOf(AuditType.WARNING_SENT))
                .singleElement()
                .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(clock.now()));
    }

    @Test
    void escalates_at_the_deadline_reassigns_and_notifies_both_assignees() {
        setUp();
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();

        clock.set(START.plus(Duration.ofHours(24)));
        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(1);
        assertThat(store.tasks().find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
        assertThat(notifier.delivered(NotificationType.ESCALATION))
                .singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("dora"));
        assertThat(notifier.delivered(NotificationType.ESCALATION_NOTICE))
                .singleElement()
                .satisfies(n -> assertThat(n.recipient()).isEqualTo("alice"));
        assertThat(store.auditTrail().entriesFor("PO-1"))
                .extracting(e -> e.type())
                .containsExactly(
                        AuditType.TASK_OPENED, AuditType.WARNING_SENT, AuditType.SLA_BREACHED, AuditType.ESCALATED);
    }

    @Test
    void reports_sla_counts_and_the_next_due_instant_from_the_database() {
        setUp();
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        store.tasks()
                .open(NewTask.of(
                        "PO-2",
                        "purchase-order",
                        "Manager Approval",
                        "bob",
                        START.plus(Duration.ofHours(3)).minus(Duration.ofHours(3))));
        clock.set(START.plus(Duration.ofHours(23)));

        RunReport report = engine.runOnce();

        assertThat(report.slaCounts()).hasValueSatisfying(c -> {
            assertThat(c.open()).isEqualTo(2);
            assertThat(c.nearBreach()).isEqualTo(2);
            assertThat(c.breached()).isZero();
        });
        assertThat(report.nextDueAt()).contains(START.plus(Duration.ofHours(24)));
    }

    @Test
    void a_task_whose_sla_started_in_1970_gets_four_audit_rows_in_one_run() throws Exception {
        setUp();
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", Instant.EPOCH));

        RunReport report = engine.runOnce();

        // The warning and re-escalations 1-20,457 (one a day from 48 h) are skipped, one row per kind;
        // the breach and level 1 (notified) make four rows besides the opening's.
        assertThat(store.auditTrail().entriesFor("PO-1"))
                .extracting(e -> e.type())
                .containsExactly(
                        AuditType.TASK_OPENED,
                        AuditType.STEP_SKIPPED,
                        AuditType.STEP_SKIPPED,
                        AuditType.SLA_BREACHED,
                        AuditType.ESCALATED);
        assertThat(store.auditTrail().entriesOf(AuditType.STEP_SKIPPED))
                .extracting(
                        e -> e.details().get("firstSkipped"), e -> e.details().get("lastSkipped"))
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("PO-1/0/WARNING/1", "PO-1/0/WARNING/1"),
                        org.assertj.core.api.Assertions.tuple("PO-1/0/RE_ESCALATION/1", "PO-1/0/RE_ESCALATION/20457"));
        assertThat(report.stepsSkipped()).isEqualTo(1 + 20_457);
        assertThat(db().query("SELECT re_escalations FROM " + db().table("task") + " WHERE id = 'PO-1'"))
                .containsExactly(java.util.List.of("20457"));
    }

    @Test
    void fifty_tasks_whose_sla_started_in_1970_write_four_audit_rows_each_in_one_run() throws Exception {
        setUp();
        for (int i = 1; i <= 50; i++) {
            store.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Manager Approval", "alice", Instant.EPOCH));
        }

        RunReport report = engine.runOnce();

        assertThat(report.escalations()).isEqualTo(50);
        assertThat(db().query("SELECT COUNT(*) FROM " + db().table("audit") + " WHERE type <> 'TASK_OPENED'"))
                .containsExactly(java.util.List.of(Integer.toString(50 * 4)));
        assertThat(db().query("SELECT COUNT(*) FROM " + db().table("outbox")))
                .containsExactly(java.util.List.of(Integer.toString(50 * 2)));
    }

    @Test
    void stores_the_true_instant_whatever_the_session_server_and_jvm_time_zones() throws Exception {
        setUp();
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();

        try (var c = db().dataSource().getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT EXTRACT(EPOCH FROM deadline), EXTRACT(EPOCH FROM next_check_at) FROM "
                        + db().table("task") + " WHERE id = 'PO-1'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(START.plus(Duration.ofHours(24)).getEpochSecond());
            assertThat(rs.getLong(2)).isEqualTo(START.plus(Duration.ofHours(24)).getEpochSecond());
        }
        assertThat(java.util.TimeZone.getDefault().getID())
                .as("the build runs the JVM outside UTC")
                .isNotEqualTo("UTC");
        if (db().dialect() == SqlDialect.POSTGRESQL) {
            try (var c = db().dataSource().getConnection();
                    var s = c.createStatement();
                    var rs = s.executeQuery("SELECT current_setting('TimeZone')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(TestDatabase.SESSION_TIME_ZONE);
            }
        }
    }

    @Test
    void purging_removes_finished_notifications_older_than_the_cut_off_and_keeps_pending_ones() throws Exception {
        setUp();
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        store.tasks().open(NewTask.of("PO-2", "purchase-order", "Manager Approval", "bob", START));
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();
        db().execute("UPDATE " + db().table("outbox") + " SET status = 'PENDING' WHERE task_id = 'PO-2'");

        assertThat(store.purgeFinishedNotifications(clock.now())).isZero();
        assertThat(store.purgeFinishedNotifications(clock.now().plusSeconds(1))).isEqualTo(1);

        assertThat(store.repository().claimNotifications(Scopes.at(clock.now()), 10))
                .extracting(p -> p.notification().taskId())
                .containsExactly("PO-2");
    }

    @Test
    void sla_counts_serve_the_next_minute_by_default_without_counting_again() {
        setUp();
        JdbcEscalationStore cached = db().storeBuilder(db().dataSource(), clock).build();
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        assertThat(cached.repository()
                        .slaCounts(Scopes.at(clock.now()))
                        .orElseThrow()
                        .open())
                .isEqualTo(1);

        store.tasks().open(NewTask.of("PO-2", "purchase-order", "Manager Approval", "alice", START));
        clock.advance(Duration.ofSeconds(59));
        assertThat(cached.repository()
                        .slaCounts(Scopes.at(clock.now()))
                        .orElseThrow()
                        .open())
                .isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(cached.repository()
                        .slaCounts(Scopes.at(clock.now()))
                        .orElseThrow()
                        .open())
                .isEqualTo(2);
    }

    static final class OnPostgres extends EngineOnJdbcTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends EngineOnJdbcTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
