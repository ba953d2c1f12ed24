package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.days;
import static dev.escalation.core.EngineFixture.hours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.report.ComplianceReport;
import dev.escalation.core.report.ComplianceRow;
import dev.escalation.core.report.LoadRank;
import dev.escalation.core.report.ReportPeriod;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compliance report reads what the engine and the host really write to the audit trail. */
class ComplianceReportFromEngineTest {

    private final EngineFixture world = new EngineFixture();
    private final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(hours(24))
            .warnBefore(hours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();
    private final EscalationEngine engine = world.engine(policy).build();

    private ComplianceReport report() {
        return ComplianceReport.of(
                world.tasks.auditTrail().entries().iterator(), START, START.plus(days(7)), ReportPeriod.WEEK);
    }

    @Test
    void a_task_done_in_time_and_one_done_after_its_escalation_give_half_the_stage_within_its_sla() {
        world.open("PO-1");
        world.open("PO-2");
        engine.runOnce();
        world.at(hours(3));
        world.tasks.complete("PO-1");
        world.at(hours(22));
        engine.runOnce(); // warns PO-2
        world.at(hours(25));
        engine.runOnce(); // breaches and escalates PO-2 to dora
        world.at(hours(30));
        world.tasks.complete("PO-2");

        ComplianceRow row = report().rows().get(0);

        assertThat(report().rows()).hasSize(1);
        assertThat(row.workflowType()).isEqualTo("purchase-order");
        assertThat(row.stage()).isEqualTo("Manager Approval");
        assertThat(row.opened()).isEqualTo(2);
        assertThat(row.completed()).isEqualTo(2);
        assertThat(row.completedWithinSla()).isEqualTo(1);
        assertThat(row.withinSlaShare().getAsDouble()).isEqualTo(0.5);
        assertThat(row.breaches()).isEqualTo(1);
        assertThat(row.escalationsByLevel()).isEqualTo(Map.of(1, 1L));
        assertThat(row.slaTarget())
                .hasValueSatisfying(d -> assertThat(d)
                        .isBetween(hours(23).plusMinutes(45), hours(24).plusMinutes(15)));
        assertThat(row.p99())
                .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMinutes(1782), Duration.ofMinutes(1818)));
    }

    @Test
    void the_assignee_of_a_breached_task_and_its_escalation_target_lead_the_rankings_with_their_open_load() {
        world.open("PO-1");
        world.open("PO-2");
        engine.runOnce();
        world.at(hours(25));
        engine.runOnce(); // both breach and go to dora

        ComplianceReport report = report();

        assertThat(report.assignees()).containsExactly(new LoadRank("alice", 2, 0));
        assertThat(report.escalationTargets()).containsExactly(new LoadRank("dora", 2, 2));
    }

    @Test
    void a_task_moved_to_the_next_stage_completes_the_first_stage_and_opens_the_second() {
        world.open("PO-1");
        world.at(hours(5));
        world.tasks.changeStage("PO-1", "Finance Approval", "fred", world.clock.now());

        ComplianceReport report = report();

        assertThat(report.rows())
                .extracting(ComplianceRow::stage, ComplianceRow::opened, ComplianceRow::completed)
                .containsExactly(tuple("Finance Approval", 1L, 0L), tuple("Manager Approval", 1L, 1L));
        assertThat(report.rows().get(0).p50()).isEmpty();
        // The sketch's relative accuracy is 1 %.
        assertThat(report.rows().get(1).p50().orElseThrow().getSeconds())
                .isCloseTo(hours(5).getSeconds(), withinPercentage(1));
    }
}
