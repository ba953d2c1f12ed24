package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.preview.Effect;
import dev.escalation.core.preview.PolicyChangePreview;
import dev.escalation.core.preview.PolicyImpact;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A policy change preview over the JDBC store: it pages through the open tasks and writes nothing. */
abstract class PolicyPreviewOnJdbcTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final List<String> TABLES = List.of("task", "audit", "audit_chain", "outbox");

    final ManualClock clock = ManualClock.at(START);
    final SlaPolicy day = policy("day", Duration.ofHours(24));
    final SlaPolicy eightHours = policy("eight hours", Duration.ofHours(8));

    abstract TestDatabase db();

    JdbcEscalationStore store;
    EscalationEngine engine;

    private static SlaPolicy policy(String name, Duration sla) {
        return SlaPolicy.builder(name)
                .sla(sla)
                .warnBefore(Duration.ofHours(2))
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
    }

    @BeforeEach
    void sevenTasksRunUnderTheDayPolicy() {
        store = db().store(clock);
        engine = EscalationEngine.builder()
                .repository(store.repository())
                .policy(day)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .notifier(n -> {})
                .build();
        for (int i = 1; i <= 7; i++) {
            store.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Manager Approval", "alice", START));
        }
        engine.runOnce();
        clock.set(START.plus(Duration.ofHours(1)));
        store.tasks().hold("PO-2");
        store.tasks().complete("PO-3");
        clock.set(START.plus(Duration.ofHours(23)));
        engine.runOnce(); // warns the open ones; their notifications are delivered
        clock.set(START.plus(Duration.ofHours(25)));
    }

    @Test
    void a_preview_changes_no_row_of_any_table() throws SQLException {
        Map<String, List<List<String>>> before = rows();

        PolicyImpact impact = new PolicyChangePreview(store.repository(), task -> Optional.of(day), Set.of(), 2, 10)
                .preview(task -> Optional.of(eightHours));

        assertThat(impact.tasksRead()).isEqualTo(6);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void pages_of_two_count_every_open_task_once() {
        PolicyImpact impact = new PolicyChangePreview(store.repository(), task -> Optional.of(day), Set.of(), 2, 10)
                .preview(task -> Optional.of(eightHours));

        assertThat(impact.total(Effect.EARLIER)).isEqualTo(6);
        // The five open tasks were warned and are due for escalation (25 h > 8 h): no second breach, one escalation
        // each.
        assertThat(impact.total(Effect.BREACHED_AT_ONCE)).isEqualTo(5);
        assertThat(impact.total(Effect.ESCALATED)).isEqualTo(5);
        assertThat(impact.stages().get(0).examples().get(Effect.ESCALATED))
                .containsExactly("PO-1", "PO-4", "PO-5", "PO-6", "PO-7");
    }

    /** Every row of every table, every column, in a fixed order. */
    private Map<String, List<List<String>>> rows() throws SQLException {
        Map<String, List<List<String>>> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            List<List<String>> all = db().query("SELECT * FROM " + db().table(table));
            rows.put(
                    table,
                    all.stream()
                            .sorted((a, b) -> a.toString().compareTo(b.toString()))
                            .toList());
        }
        return rows;
    }

    static final class OnPostgres extends PolicyPreviewOnJdbcTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends PolicyPreviewOnJdbcTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
