package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link JdbcEscalationStore#tasks(Connection)}: a task change made on the host's connection is part
 * of the host's transaction - the host's rollback undoes it, its commit commits it with the host's
 * own change - while the engine's runs keep their own transactions.
 */
abstract class HostTransactionTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final Duration PAST_DEADLINE = Duration.ofHours(25);

    final ManualClock clock = ManualClock.at(START);
    final RecordingNotifier notifier = new RecordingNotifier();

    abstract TestDatabase db();

    JdbcEscalationStore store;
    EscalationEngine engine;
    String approvals;

    void setUp() throws SQLException {
        store = db().store(clock);
        engine = EscalationEngine.builder()
                .repository(store.repository())
                .policy(SlaPolicy.builder("Manager Approval")
                        .sla(Duration.ofHours(24))
                        .escalateTo(EscalationTarget.role("department_head"))
                        .build())
                .notifier(notifier)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .build();
        approvals = db().table("host_approval");
        db().execute("CREATE TABLE " + approvals + " (request_id VARCHAR(64) PRIMARY KEY)");
        store.tasks().open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
    }

    @Test
    void the_hosts_rollback_undoes_complete() throws Exception {
        setUp();
        try (Connection host = hostTransaction()) {
            approve(host, "PO-1");
            store.tasks(host).complete("PO-1");

            host.rollback();
        }

        assertThat(store.tasks().find("PO-1").orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
        assertThat(store.auditTrail().entriesOf(AuditType.TASK_COMPLETED)).isEmpty();
        assertThat(db().query("SELECT request_id FROM " + approvals)).isEmpty();
    }

    @Test
    void the_hosts_commit_makes_the_completion_visible_to_the_next_run() throws Exception {
        setUp();
        try (Connection host = hostTransaction()) {
            approve(host, "PO-1");
            store.tasks(host).complete("PO-1");
            host.commit();
        }
        clock.advance(PAST_DEADLINE);

        assertThat(engine.runOnce().escalations()).isZero();
        assertThat(store.tasks().find("PO-1").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(store.auditTrail().entriesOf(AuditType.TASK_COMPLETED)).hasSize(1);
        assertThat(db().query("SELECT request_id FROM " + approvals)).containsExactly(List.of("PO-1"));
    }

    @Test
    void a_failure_in_the_hosts_transaction_after_complete_leaves_the_task_open_and_escalating() throws Exception {
        setUp();
        try (Connection host = hostTransaction()) {
            store.tasks(host).complete("PO-1");
            approve(host, "PO-1");
            assertThatThrownBy(() -> approve(host, "PO-1")).isInstanceOf(SQLException.class);
            host.rollback();
        }
        clock.advance(PAST_DEADLINE);

        assertThat(engine.runOnce().escalations()).isEqualTo(1);
        assertThat(store.tasks().find("PO-1").orElseThrow().assignee()).isEqualTo("dora");
        assertThat(store.auditTrail().entriesOf(AuditType.TASK_COMPLETED)).isEmpty();
    }

    @Test
    void a_change_that_fails_on_the_hosts_connection_stores_nothing_and_leaves_the_transaction_usable()
            throws Exception {
        setUp();
        try (Connection host = hostTransaction()) {
            approve(host, "PO-1");
            assertThatThrownBy(() -> store.tasks(host)
                            .open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "bob", START)))
                    .isInstanceOf(DuplicateTaskException.class);
            store.tasks(host).complete("PO-1");
            host.commit();
        }

        assertThat(store.tasks().find("PO-1").orElseThrow().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(db().query("SELECT request_id FROM " + approvals)).containsExactly(List.of("PO-1"));
    }

    @Test
    void a_task_opened_in_the_hosts_transaction_is_not_claimed_before_the_host_commits() throws Exception {
        setUp();
        try (Connection host = hostTransaction()) {
            store.tasks(host).open(NewTask.of("PO-2", "purchase-order", "Manager Approval", "bob", START));
            assertThat(store.tasks().find("PO-2")).isEmpty();
            host.commit();
        }

        assertThat(store.tasks().find("PO-2").orElseThrow().assignee()).isEqualTo("bob");
    }

    @Test
    void a_connection_in_auto_commit_mode_is_refused_before_anything_is_stored() throws Exception {
        setUp();
        try (Connection host = db().dataSource().getConnection()) {
            host.setAutoCommit(true);

            assertThatThrownBy(() -> store.tasks(host).complete("PO-1"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("auto-commit");
        }

        assertThat(store.tasks().find("PO-1").orElseThrow().status()).isEqualTo(TaskStatus.OPEN);
    }

    @Test
    void a_missing_connection_is_refused_naming_the_field() throws Exception {
        setUp();

        assertThatThrownBy(() -> store.tasks((Connection) null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connection");
    }

    private Connection hostTransaction() throws SQLException {
        Connection connection = db().dataSource().getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    private void approve(Connection host, String requestId) throws SQLException {
        try (PreparedStatement ps = host.prepareStatement("INSERT INTO " + approvals + " (request_id) VALUES (?)")) {
            ps.setString(1, requestId);
            ps.executeUpdate();
        }
    }

    static final class OnPostgres extends HostTransactionTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends HostTransactionTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
