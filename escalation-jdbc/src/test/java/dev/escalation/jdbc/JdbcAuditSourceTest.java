package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.report.ComplianceReport;
import dev.escalation.core.report.ReportPeriod;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit of a time range streamed from the table, and the compliance report read from it. */
abstract class JdbcAuditSourceTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);
    JdbcEscalationStore store;
    JdbcAuditSource source;

    abstract TestDatabase db();

    /** Three purchase orders on Monday: one completed in time, two breached and escalated to dora on Tuesday. */
    @BeforeEach
    void auditThreeTasks() {
        store = db().store(clock);
        // A fetch size of 2 makes the driver page several times through this small trail.
        source = new JdbcAuditSource(db().dataSource(), db().schema(), 2);
        EscalationEngine engine = EscalationEngine.builder()
                .repository(store.repository())
                .policy(SlaPolicy.builder("Approval")
                        .sla(Duration.ofHours(24))
                        .escalateTo(EscalationTarget.user("dora"))
                        .build())
                .notifier(n -> {})
                .build();
        for (int i = 1; i <= 3; i++) {
            store.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Approval", "alice", START));
        }
        engine.runOnce();
        clock.set(START.plus(Duration.ofHours(2)));
        store.tasks().complete("PO-1");
        clock.set(START.plus(Duration.ofHours(25)));
        engine.runOnce();
    }

    @Test
    void entries_of_a_range_come_oldest_first_and_none_from_outside_it() {
        List<AuditEntry> read = new ArrayList<>();

        long count = source.read(START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(26)), read::add);

        assertThat(count).isEqualTo(read.size());
        assertThat(read)
                .extracting(AuditEntry::type)
                .doesNotContain(AuditType.TASK_OPENED)
                .contains(AuditType.TASK_COMPLETED, AuditType.ESCALATED);
        assertThat(read).extracting(AuditEntry::occurredAt).isSorted();
        assertThat(read.get(0).type()).isEqualTo(AuditType.TASK_COMPLETED);
    }

    @Test
    void reading_stops_when_the_reader_says_so() {
        List<AuditEntry> read = new ArrayList<>();

        long count = source.read(START, START.plus(Duration.ofDays(2)), e -> read.add(e) && read.size() < 3);

        assertThat(count).isEqualTo(3);
        assertThat(read).hasSize(3);
    }

    @Test
    void the_report_from_the_table_equals_the_report_from_the_whole_trail_in_memory() {
        Instant to = START.plus(Duration.ofDays(7));

        ComplianceReport streamed = source.report(START, to, ReportPeriod.DAY);

        ComplianceReport whole =
                ComplianceReport.of(store.auditTrail().entries().iterator(), START, to, ReportPeriod.DAY);
        assertThat(streamed).isEqualTo(whole);
        assertThat(streamed.rows().get(0).opened()).isEqualTo(3);
        assertThat(streamed.rows().get(0).completedWithinSla()).isEqualTo(1);
        assertThat(streamed.rows().get(1).breaches()).isEqualTo(2);
        assertThat(streamed.escalationTargets())
                .singleElement()
                .satisfies(t -> assertThat(t.openTasks()).isEqualTo(2));
    }

    @Test
    void a_range_that_ends_before_it_starts_is_refused_naming_both_ends() {
        assertThatThrownBy(() -> source.read(START, START.minusSeconds(1), e -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("to must not be before from (" + START + "), but was " + START.minusSeconds(1));
    }

    static final class OnPostgres extends JdbcAuditSourceTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends JdbcAuditSourceTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
