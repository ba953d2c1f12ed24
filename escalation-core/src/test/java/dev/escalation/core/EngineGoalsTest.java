package dev.escalation.core;

import static dev.escalation.core.EngineFixture.START;
import static dev.escalation.core.EngineFixture.days;
import static dev.escalation.core.EngineFixture.hours;
import static dev.escalation.core.EngineFixture.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.NotificationType;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.GoalEvent;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.TaskStatus;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Several named goals on one task, minute by minute: {@code response} within 4 hours (warned 1 hour
 * before, escalated to the department head at its deadline) and {@code resolution} within 24 hours
 * (warned 2 hours before, escalated to the director), each with its own steps.
 */
class EngineGoalsTest {

    private final EngineFixture world = new EngineFixture();
    private final SlaPolicy policy = SlaPolicy.builder("Service Request")
            .goal(new Goal(
                    "response",
                    SlaPolicy.builder("response")
                            .sla(hours(4))
                            .warnBefore(hours(1))
                            .escalateTo(EscalationTarget.role("department_head"))
                            .build()))
            .goal(new Goal(
                    "resolution",
                    SlaPolicy.builder("resolution")
                            .sla(hours(24))
                            .warnBefore(hours(2))
                            .escalateTo(EscalationTarget.role("director"))
                            .build()))
            .build();
    private final EscalationEngine engine = world.engine(policy).build();

    @Test
    void each_goal_warns_at_its_own_minute_under_a_key_that_names_the_goal() {
        world.open("SR-1");
        engine.runOnce();

        world.at(hours(3).minus(minutes(1)));
        assertThat(engine.runOnce().warnings()).isZero();
        world.at(hours(3));
        assertThat(engine.runOnce().warnings()).isEqualTo(1);
        world.at(hours(22).minus(minutes(1)));
        assertThat(engine.runOnce().warnings()).isZero();
        world.at(hours(22));
        assertThat(engine.runOnce().warnings()).isEqualTo(1);

        assertThat(world.stepKeys(AuditType.WARNING_SENT))
                .containsExactly("SR-1/0/response/WARNING/1", "SR-1/0/resolution/WARNING/1");
        assertThat(world.notifier.delivered(NotificationType.WARNING))
                .extracting(n -> n.idempotencyKey())
                .containsExactly("SR-1/0/response/WARNING/1/assignee", "SR-1/0/resolution/WARNING/1/assignee");
    }

    @Test
    void a_goal_escalates_at_its_own_deadline_and_its_audit_entry_names_the_goal() {
        world.open("SR-1");
        engine.runOnce();

        world.at(hours(4).minus(minutes(1)));
        assertThat(engine.runOnce().escalations()).isZero();
        world.at(hours(4));
        assertThat(engine.runOnce().escalations()).isEqualTo(1);

        assertThat(world.task("SR-1").assignee()).isEqualTo("dora");
        AuditEntry escalated = world.entries(AuditType.ESCALATED).get(0);
        assertThat(escalated.stepKey()).contains("SR-1/0/response/ESCALATION/1");
        assertThat(escalated.details())
                .containsEntry("goal", "response")
                .containsEntry("policy", "Service Request")
                .containsEntry("policyVersion", policy.version())
                .containsEntry("deadline", START.plus(hours(4)).toString());
    }

    @Test
    void the_next_check_is_the_earliest_step_of_the_open_goals() {
        world.open("SR-1");
        engine.runOnce();

        assertThat(world.task("SR-1").escalation().nextCheckAt()).contains(START.plus(hours(3)));
        assertThat(world.task("SR-1").escalation().deadline()).contains(START.plus(hours(4)));

        world.tasks.meet("SR-1", "response");
        engine.runOnce();

        assertThat(world.task("SR-1").escalation().nextCheckAt()).contains(START.plus(hours(22)));
        assertThat(world.task("SR-1").escalation().deadline()).contains(START.plus(hours(24)));
    }

    @Test
    void a_met_goal_fires_no_further_step_while_the_other_goal_goes_on() {
        world.open("SR-1");
        engine.runOnce();
        world.at(hours(2));
        world.tasks.meet("SR-1", "response");

        world.at(hours(30));
        engine.runOnce();

        assertThat(world.stepKeys(AuditType.ESCALATED)).containsExactly("SR-1/0/resolution/ESCALATION/1");
        assertThat(world.task("SR-1").assignee()).isEqualTo("dirk");
        assertThat(world.task("SR-1").escalation().goals().progress("response").metAt())
                .contains(START.plus(hours(2)));
    }

    @Test
    void meeting_the_last_open_goal_completes_the_task() {
        world.open("SR-1");
        engine.runOnce();
        world.at(hours(1));
        world.tasks.meet("SR-1", "response");
        world.at(hours(5));
        world.tasks.meet("SR-1", "resolution");

        assertThat(world.task("SR-1").status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(world.entries(AuditType.GOAL_MET))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("goal", "response"));
        assertThat(world.entries(AuditType.TASK_COMPLETED))
                .singleElement()
                .satisfies(e -> assertThat(e.details()).containsEntry("goal", "resolution"));
    }

    @Test
    void meeting_a_met_goal_changes_nothing() {
        world.open("SR-1");
        engine.runOnce();
        long version = world.tasks.meet("SR-1", "response").version();

        assertThat(world.tasks.meet("SR-1", "response").version()).isEqualTo(version);
        assertThat(world.entries(AuditType.GOAL_MET)).hasSize(1);
    }

    @Test
    void meeting_a_goal_the_policy_does_not_define_is_refused_naming_the_goals() {
        world.open("SR-1");
        engine.runOnce();

        assertThatThrownBy(() -> world.tasks.meet("SR-1", "respnse"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no goal 'respnse'")
                .hasMessageContaining("[response, resolution]");
    }

    @Test
    void a_goal_name_that_is_no_identifier_is_refused_before_the_task_is_read() {
        assertThatThrownBy(() -> world.tasks.meet("no-such-task", "first response"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'first response'");
    }

    @Test
    void a_met_goals_undelivered_notice_is_withdrawn() {
        world.open("SR-1");
        engine.runOnce();
        world.notifier.failWhen(n -> true);
        world.at(hours(3));
        engine.runOnce();
        world.tasks.meet("SR-1", "response");
        world.notifier.recover();

        world.at(hours(3).plus(minutes(5)));
        engine.runOnce();

        assertThat(world.notifier.delivered(NotificationType.WARNING)).isEmpty();
        assertThat(world.entries(AuditType.NOTIFICATION_WITHDRAWN))
                .singleElement()
                .satisfies(e -> assertThat(e.details().get("reason")).contains("goal 'response'"));
    }

    @Test
    void a_late_run_collapses_each_goals_missed_steps_and_notifies_each_goals_most_advanced_step() {
        world.open("SR-1");
        engine.runOnce();

        world.at(hours(25));
        RunReport report = engine.runOnce();

        assertThat(world.deliveredKeys())
                .containsExactlyInAnyOrder(
                        "SR-1/0/response/ESCALATION/1/new-assignee",
                        "SR-1/0/response/ESCALATION/1/previous-assignee",
                        "SR-1/0/resolution/ESCALATION/1/new-assignee",
                        "SR-1/0/resolution/ESCALATION/1/previous-assignee");
        assertThat(report.stepsSkipped()).isEqualTo(2);
        assertThat(report.stepsByGoal()).isEqualTo(java.util.Map.of("response", 1, "resolution", 1));
        assertThat(world.task("SR-1").assignee()).isEqualTo("dirk");
    }

    @Test
    void a_second_run_at_the_same_instant_changes_nothing() {
        world.open("SR-1");
        engine.runOnce();
        world.at(hours(25));
        engine.runOnce();
        int entries = world.audit.entries().size();
        long version = world.task("SR-1").version();

        engine.runOnce();

        assertThat(world.audit.entries()).hasSize(entries);
        assertThat(world.task("SR-1").version()).isEqualTo(version);
    }

    @Test
    void a_goal_met_by_reassignment_is_met_by_the_first_reassignment() {
        SlaPolicy byReassignment = SlaPolicy.builder("Service Request")
                .goal(new Goal(
                        "response",
                        SlaPolicy.builder("response")
                                .sla(hours(4))
                                .noWarning()
                                .escalateTo(EscalationTarget.role("department_head"))
                                .build(),
                        Set.of(GoalEvent.REASSIGNMENT)))
                .goal(new Goal(
                        "resolution",
                        SlaPolicy.builder("resolution")
                                .sla(hours(24))
                                .noWarning()
                                .escalateTo(EscalationTarget.role("director"))
                                .build()))
                .build();
        EscalationEngine engine = world.engine(byReassignment).build();
        world.open("SR-1");
        engine.runOnce();
        world.at(hours(1));
        world.tasks.reassign("SR-1", "bob");

        world.at(hours(6));
        engine.runOnce();

        assertThat(world.entries(AuditType.GOAL_MET))
                .singleElement()
                .satisfies(e -> assertThat(e.details())
                        .containsEntry("goal", "response")
                        .containsEntry("by", "reassignment")
                        .containsEntry("metAt", START.plus(hours(1)).toString()));
        assertThat(world.entries(AuditType.ESCALATED)).isEmpty();
        assertThat(world.task("SR-1").escalation().nextCheckAt()).contains(Instant.parse("2026-01-06T10:00:00Z"));
    }

    @Test
    void a_goal_met_by_acknowledgement_is_met_at_the_acknowledgement_and_the_other_goal_runs_on() {
        SlaPolicy byAcknowledgement = SlaPolicy.builder("Service Request")
                .goal(new Goal(
                        "response",
                        SlaPolicy.builder("response")
                                .sla(hours(4))
                                .noWarning()
                                .escalateTo(EscalationTarget.role("department_head"))
                                .build(),
                        Set.of(GoalEvent.ACKNOWLEDGEMENT)))
                .goal(new Goal(
                        "resolution",
                        SlaPolicy.builder("resolution")
                                .sla(hours(24))
                                .noWarning()
                                .escalateTo(EscalationTarget.role("director"))
                                .build()))
                .build();
        EscalationEngine engine = world.engine(byAcknowledgement).build();
        world.open("SR-1");
        engine.runOnce();
        world.at(hours(1).plus(minutes(15)));
        world.tasks.acknowledge("SR-1", "alice");

        world.at(hours(6));
        engine.runOnce();

        assertThat(world.entries(AuditType.GOAL_MET))
                .singleElement()
                .satisfies(e -> assertThat(e.details())
                        .containsEntry("goal", "response")
                        .containsEntry("by", "acknowledgement")
                        .containsEntry(
                                "metAt", START.plus(hours(1).plus(minutes(15))).toString()));
        assertThat(world.entries(AuditType.ESCALATED)).isEmpty();
        assertThat(world.task("SR-1").assignee()).isEqualTo("alice");
        assertThat(world.task("SR-1").escalation().nextCheckAt()).contains(START.plus(hours(24)));

        world.at(hours(24));
        engine.runOnce();
        assertThat(world.stepKeys(AuditType.ESCALATED)).containsExactly("SR-1/0/resolution/ESCALATION/1");
    }

    @Test
    void an_acknowledgement_holds_every_open_goal_and_stays_on_the_task_while_the_goals_are_planned() {
        SlaPolicy acknowledging =
                policy.toBuilder().acknowledgeTimeout(hours(2)).build();
        EscalationEngine engine = world.engine(acknowledging).build();
        world.open("SR-1");
        engine.runOnce();
        world.at(hours(2).plus(minutes(30)));
        world.tasks.acknowledge("SR-1", "alice");

        world.at(hours(3));
        assertThat(engine.runOnce().warnings()).isZero();
        assertThat(world.task("SR-1").escalation().attention().acknowledgedBy()).contains("alice");
        world.at(hours(4));
        assertThat(engine.runOnce().escalations()).isZero();

        world.at(hours(4).plus(minutes(30)));
        engine.runOnce();
        assertThat(world.entries(AuditType.ACKNOWLEDGEMENT_EXPIRED))
                .extracting(e -> e.details().get("goal"))
                .containsExactly("response", "resolution");
        assertThat(world.stepKeys(AuditType.ESCALATED)).containsExactly("SR-1/0/response/ESCALATION/1");
        assertThat(world.task("SR-1").escalation().attention().acknowledged()).isFalse();
    }

    @Test
    void the_compliance_report_counts_each_goal_met_in_time_met_late_and_breached() {
        world.open("SR-1");
        world.open("SR-2");
        world.open("SR-3");
        engine.runOnce();
        world.at(hours(2));
        world.tasks.meet("SR-1", "response");
        world.at(hours(5));
        engine.runOnce();
        world.at(hours(6));
        world.tasks.meet("SR-2", "response");
        world.tasks.meet("SR-2", "resolution");

        dev.escalation.core.report.ComplianceReport report = dev.escalation.core.report.ComplianceReport.of(
                world.audit.entries().iterator(),
                START,
                START.plus(days(1)),
                dev.escalation.core.report.ReportPeriod.DAY);

        assertThat(report.goals())
                .containsExactly(
                        new dev.escalation.core.report.GoalCompliance("resolution", 1, 1, 0),
                        new dev.escalation.core.report.GoalCompliance("response", 2, 1, 2));
        assertThat(report.toJson())
                .contains("\"goals\":[{\"goal\":\"resolution\",\"met\":1,\"metWithinSla\":1,"
                        + "\"withinSlaShare\":1.0,\"breaches\":0},");
    }

    @Test
    void explain_shows_each_goals_deadline_and_when_a_goal_was_met() {
        world.open("SR-1");
        engine.runOnce();
        world.at(hours(1));
        world.tasks.meet("SR-1", "response");
        engine.runOnce();

        String text = engine.explain("SR-1").text(java.time.ZoneOffset.UTC);

        assertThat(text)
                .contains("Goals: response met at 2026-01-05T10:00:00Z; resolution warning at 2026-01-06T07:00:00Z,"
                        + " deadline 2026-01-06T09:00:00Z");
    }

    @Test
    void the_run_report_counts_steps_by_goal_and_writes_them_to_json_only_when_there_are_any() throws Exception {
        world.open("SR-1");
        engine.runOnce();
        world.at(hours(3));

        RunReport report = engine.runOnce();
        RunReport quiet = engine.runOnce();

        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(report.stepsByGoal()).isEqualTo(java.util.Map.of("response", 1));
        assertThat(json.writeValueAsString(report)).contains("\"stepsByGoal\":{\"response\":1}");
        assertThat(json.readValue(json.writeValueAsString(report), RunReport.class))
                .isEqualTo(report);
        assertThat(json.writeValueAsString(quiet)).doesNotContain("stepsByGoal");
    }

    @Test
    void the_breached_list_says_which_goal_breached() {
        world.open("SR-1");
        engine.runOnce();
        world.at(hours(5));
        engine.runOnce();

        dev.escalation.core.operations.Page<dev.escalation.core.operations.OpenTask> breached =
                world.tasks.openTasks(dev.escalation.core.operations.TaskQuery.asOf(world.clock.now())
                        .standing(dev.escalation.core.operations.SlaStanding.BREACHED));

        assertThat(breached.items())
                .singleElement()
                .satisfies(open -> assertThat(open.goalStandings(world.clock.now()))
                        .containsExactly(
                                org.assertj.core.api.Assertions.entry(
                                        "response", dev.escalation.core.operations.SlaStanding.BREACHED),
                                org.assertj.core.api.Assertions.entry(
                                        "resolution", dev.escalation.core.operations.SlaStanding.FINE)));
    }

    @Test
    void a_policy_without_goals_keeps_its_step_keys() {
        SlaPolicy plain = SlaPolicy.builder("Manager Approval")
                .sla(hours(4))
                .warnBefore(hours(1))
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
        EscalationEngine engine = world.engine(plain).build();
        world.open("PO-1");
        world.at(hours(4));
        engine.runOnce();

        // Both notices of one step are delivered in one run; their order among themselves is not specified.
        assertThat(world.deliveredKeys())
                .containsExactlyInAnyOrder("PO-1/0/ESCALATION/1/new-assignee", "PO-1/0/ESCALATION/1/previous-assignee");
        assertThat(plain.goals()).isEmpty();
    }
}
