package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue #15 in the database: a notifier's exception that quotes a sensitive attribute reaches no
 * outbox row and no audit row, and a notification whose task was completed since is withdrawn, its
 * row saying why.
 */
abstract class DeliveryRedactionAndWithdrawalOnJdbcTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final String IBAN = "DE89370400440532013000";

    final ManualClock clock = ManualClock.at(START);
    final SlaPolicy policy = SlaPolicy.builder("Payroll Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("payroll_manager"))
            .sensitiveAttributes("iban")
            .build();

    abstract TestDatabase db();

    @Test
    void a_notifier_exception_quoting_a_sensitive_value_reaches_no_outbox_row_and_no_audit_row() throws Exception {
        JdbcEscalationStore store = db().store(clock);
        EscalationEngine engine = engine(store);
        store.tasks().open(payrollTask("PAY-1"));

        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();
        clock.advance(Duration.ofMinutes(1));
        assertThat(engine.runOnce().notificationsGivenUp()).isEqualTo(1);

        assertThat(rows("SELECT status, last_error FROM " + db().table("outbox")))
                .singleElement()
                .satisfies(row -> assertThat(row).startsWith("GIVEN_UP").contains("[iban redacted]"));
        assertThat(rows("SELECT * FROM " + db().table("outbox"))).noneMatch(row -> row.contains(IBAN));
        assertThat(rows("SELECT * FROM " + db().table("audit"))).noneMatch(row -> row.contains(IBAN));
    }

    @Test
    void a_pending_retry_for_a_task_completed_since_is_withdrawn_and_its_row_says_why() throws Exception {
        JdbcEscalationStore store = db().store(clock);
        EscalationEngine engine = engine(store);
        store.tasks().open(payrollTask("PAY-1"));
        clock.set(START.plus(Duration.ofHours(22)));
        engine.runOnce();

        store.tasks().complete("PAY-1");
        clock.advance(Duration.ofMinutes(1));
        engine.runOnce();

        assertThat(rows("SELECT status, last_error FROM " + db().table("outbox")))
                .containsExactly("WITHDRAWN|task PAY-1 was completed");
        assertThat(rows("SELECT type FROM " + db().table("audit") + " WHERE type = 'NOTIFICATION_WITHDRAWN'"))
                .containsExactly("NOTIFICATION_WITHDRAWN");
        assertThat(store.purgeFinishedNotifications(clock.now().plusSeconds(1))).isEqualTo(1);
    }

    private EscalationEngine engine(JdbcEscalationStore store) {
        return EscalationEngine.builder()
                .repository(store.repository())
                .policy(policy)
                .notifier(n -> {
                    throw new IllegalStateException(
                            "relay refused IBAN " + IBAN, new IllegalArgumentException("bad IBAN " + IBAN));
                })
                .targets(TargetResolver.roles(Map.of("payroll_manager", "paula")))
                .notificationRetry(new NotificationRetryPolicy(2, Duration.ofMinutes(1), 2.0, Duration.ofMinutes(10)))
                .build();
    }

    private static NewTask payrollTask(String id) {
        return NewTask.of(id, "payroll", "Payroll Approval", "alice", START).withAttributes(Map.of("iban", IBAN));
    }

    /** Each row as its columns joined by {@code |}. */
    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db().dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(String.valueOf(rs.getObject(i)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    static final class OnPostgres extends DeliveryRedactionAndWithdrawalOnJdbcTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends DeliveryRedactionAndWithdrawalOnJdbcTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
