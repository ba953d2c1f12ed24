package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationRunException;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.FaultyDataSource;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A database that fails a statement or drops the connection mid-run, a process that dies between
 * commit and delivery, and a notifier that fails at random: no step is lost or doubled, every
 * notification is delivered or given up and audited.
 */
abstract class FaultInjectionTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final Instant WARNING_TIME = START.plus(Duration.ofHours(22));
    static final int TASKS = 40;

    final ManualClock clock = ManualClock.at(START);
    final RecordingNotifier notifier = new RecordingNotifier();
    final SlaPolicy policy = SlaPolicy.builder("Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.user("dora"))
            .build();
    FaultyDataSource faulty;
    JdbcEscalationStore store;

    abstract TestDatabase db();

    @BeforeEach
    void setUp() {
        faulty = new FaultyDataSource(db().dataSource());
        store = db().storeBuilder(faulty, clock).build();
        store.createSchema();
        for (int i = 0; i < TASKS; i++) {
            store.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Approval", "alice", START));
        }
        clock.set(WARNING_TIME);
    }

    @Test
    void a_failing_compare_and_swap_rolls_the_batch_back_and_the_next_run_applies_it_once() {
        faulty.failNext("UPDATE " + db().table("task") + " SET assignee");

        assertThatThrownBy(engine(notifier)::runOnce).isInstanceOf(EscalationRunException.class);
        assertNothingRecorded();

        engine(notifier).runOnce();
        assertEveryWarningOnce();
    }

    @Test
    void a_failing_outbox_insert_rolls_back_the_steps_and_their_audit_and_the_next_run_applies_them_once() {
        faulty.failNext("INSERT INTO " + db().table("outbox"));

        assertThatThrownBy(engine(notifier)::runOnce).isInstanceOf(EscalationRunException.class);
        assertNothingRecorded();

        engine(notifier).runOnce();
        assertEveryWarningOnce();
    }

    @Test
    void a_connection_dropped_during_the_audit_insert_loses_nothing_and_doubles_nothing() {
        faulty.dropConnectionAt("INSERT INTO " + db().table("audit"));

        assertThatThrownBy(engine(notifier)::runOnce)
                .isInstanceOf(EscalationRunException.class)
                .rootCause()
                .hasMessageStartingWith("connection dropped under: INSERT INTO " + db().table("audit"));
        assertNothingRecorded();

        engine(notifier).runOnce();
        assertEveryWarningOnce();
        assertThat(faulty.openResources()).isZero();
    }

    @Test
    void a_run_that_dies_after_the_commit_but_before_delivery_leaves_the_notifications_to_the_next_run() {
        Notifier dying = n -> {
            throw new ProcessDeath();
        };
        assertThatThrownBy(engine(dying)::runOnce).isInstanceOf(ProcessDeath.class);
        assertThat(store.auditTrail().entriesOf(AuditType.WARNING_SENT)).hasSize(TASKS);

        engine(notifier).runOnce();
        assertThat(notifier.delivered()).as("still under the dead run's lease").isEmpty();

        clock.advance(Duration.ofMinutes(5));
        engine(notifier).runOnce();
        assertEveryWarningOnce();
        assertThat(outboxStatuses())
                .containsOnlyKeys(warningKeys())
                .allSatisfy((key, status) -> assertThat(status).isEqualTo("DELIVERED"));
    }

    @Test
    void a_node_that_dies_holding_claims_leaves_its_tasks_to_another_node_once_the_lease_ends() {
        clock.set(START.plus(Duration.ofHours(24)));
        EscalationEngine dying = EscalationEngine.builder()
                .repository(store.repository())
                .policy(policy)
                .targets((target, task, level) -> {
                    throw new ProcessDeath();
                })
                .build();
        assertThatThrownBy(dying::runOnce).isInstanceOf(ProcessDeath.class);

        assertThat(engine(notifier).runOnce().tasksChecked())
                .as("the dead node's claims still hold")
                .isZero();

        clock.advance(Duration.ofMinutes(5));
        assertThat(engine(notifier).runOnce().escalations()).isEqualTo(TASKS);
        assertThat(stepKeys(AuditType.ESCALATED)).hasSize(TASKS).doesNotHaveDuplicates();
    }

    @Test
    void a_run_whose_delivery_outcomes_fail_to_commit_has_them_redelivered_with_the_same_keys() {
        faulty.failNext("UPDATE " + db().table("outbox") + " SET status");

        assertThatThrownBy(engine(notifier)::runOnce).isInstanceOf(EscalationRunException.class);
        assertThat(notifier.delivered()).hasSize(TASKS);

        clock.advance(Duration.ofMinutes(5));
        engine(notifier).runOnce();

        assertThat(store.auditTrail().entriesOf(AuditType.WARNING_SENT)).hasSize(TASKS);
        assertThat(notifier.delivered()).hasSize(2 * TASKS);
        assertThat(notifier.delivered().stream()
                        .map(Notification::idempotencyKey)
                        .collect(Collectors.toSet()))
                .isEqualTo(warningKeys());
        assertThat(outboxStatuses().values()).containsOnly("DELIVERED");
    }

    @Test
    void with_a_notifier_failing_thirty_percent_every_notification_is_delivered_or_given_up_and_audited() {
        Random random = new Random(20260105L);
        Map<String, Integer> successes = new ConcurrentHashMap<>();
        Notifier flaky = n -> {
            if (random.nextDouble() < 0.3) {
                throw new IllegalStateException("mail server said no");
            }
            successes.merge(n.idempotencyKey(), 1, Integer::sum);
        };
        EscalationEngine engine = EscalationEngine.builder()
                .repository(store.repository())
                .policy(policy)
                .notifier(flaky)
                .notificationRetry(new NotificationRetryPolicy(3, Duration.ofMinutes(1), 2.0, Duration.ofMinutes(10)))
                .build();

        for (int minute = 0; minute <= 3 * 60; minute += 1) {
            engine.runOnce();
            clock.advance(Duration.ofMinutes(1));
        }

        Map<String, String> statuses = outboxStatuses();
        assertThat(statuses.values()).containsOnly("DELIVERED", "GIVEN_UP").contains("DELIVERED");
        Set<String> givenUp = keysWith(statuses, "GIVEN_UP");
        assertThat(keysWith(statuses, "DELIVERED")).isEqualTo(successes.keySet());
        assertThat(successes.values()).containsOnly(1);
        assertThat(store.auditTrail().entriesOf(AuditType.NOTIFICATION_GIVEN_UP))
                .extracting(e -> e.stepKey().orElseThrow())
                .containsExactlyInAnyOrderElementsOf(givenUp);
        assertThat(stepKeys(AuditType.WARNING_SENT)).hasSize(TASKS).doesNotHaveDuplicates();
        assertThat(stepKeys(AuditType.ESCALATED)).hasSize(TASKS).doesNotHaveDuplicates();
    }

    private EscalationEngine engine(Notifier n) {
        return EscalationEngine.builder()
                .repository(store.repository())
                .policy(policy)
                .notifier(n)
                .build();
    }

    private void assertNothingRecorded() {
        assertThat(store.auditTrail().entriesOf(AuditType.WARNING_SENT)).isEmpty();
        assertThat(outboxStatuses()).isEmpty();
        assertThat(notifier.delivered()).isEmpty();
        for (int i = 0; i < TASKS; i++) {
            assertThat(store.tasks().find("PO-" + i).orElseThrow().version()).isEqualTo(1);
        }
    }

    private void assertEveryWarningOnce() {
        assertThat(stepKeys(AuditType.WARNING_SENT)).hasSize(TASKS).doesNotHaveDuplicates();
        assertThat(notifier.delivered())
                .extracting(Notification::idempotencyKey)
                .hasSize(TASKS)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(warningKeys());
    }

    private Set<String> warningKeys() {
        return java.util.stream.IntStream.range(0, TASKS)
                .mapToObj(i -> "PO-" + i + "/0/WARNING/1/assignee")
                .collect(Collectors.toSet());
    }

    private List<String> stepKeys(AuditType type) {
        return store.auditTrail().entriesOf(type).stream()
                .map(AuditEntry::stepKey)
                .map(k -> k.orElseThrow())
                .toList();
    }

    private Map<String, String> outboxStatuses() {
        Map<String, String> statuses = new HashMap<>();
        try {
            db().query("SELECT idempotency_key, status FROM " + db().table("outbox"))
                    .forEach(row -> statuses.put(row.get(0), row.get(1)));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return statuses;
    }

    private static Set<String> keysWith(Map<String, String> statuses, String status) {
        return statuses.entrySet().stream()
                .filter(e -> e.getValue().equals(status))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** Stands for the process dying: not an Exception, so nothing in the engine catches it. */
    static final class ProcessDeath extends Error {
        ProcessDeath() {
            super("the process died");
        }
    }

    static final class OnPostgres extends FaultInjectionTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends FaultInjectionTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
