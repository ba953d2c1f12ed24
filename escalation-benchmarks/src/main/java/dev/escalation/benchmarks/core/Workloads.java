package dev.escalation.benchmarks.core;

import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.SlaEvaluator;
import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;

/**
 * The policies, calendars and tasks the benchmarks measure, in one place so that every figure in
 * the report is about the same workload.
 */
public final class Workloads {

    /** The instant every benchmark evaluates at. */
    public static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");

    private Workloads() {}

    /**
     * The policy of a typical approval: 24 h SLA, a warning 2 h before the deadline, three reminders
     * every 4 h, escalation to the department head at the deadline and to the director 8 h later,
     * then re-escalation every 24 h.
     */
    public static SlaPolicy approvalPolicy() {
        return SlaPolicy.builder("Manager Approval")
                .sla(Duration.ofHours(24))
                .warnBefore(Duration.ofHours(2))
                .remindEvery(Duration.ofHours(4))
                .maxReminders(3)
                .escalateTo(EscalationTarget.user("department-head"))
                .escalateTo(EscalationTarget.user("director"), Duration.ofHours(8))
                .build();
    }

    /** {@link #approvalPolicy()} counted in business time on {@link #berlinOffice()}: 3 business days. */
    public static SlaPolicy approvalPolicyInBusinessTime() {
        return approvalPolicy().toBuilder().calendar(berlinOffice()).build();
    }

    /**
     * An office in Berlin: 09:00-12:00 and 13:00-17:00 on weekdays, five yearly holidays and two
     * company days a year for 2026-2028.
     */
    public static BusinessCalendar berlinOffice() {
        BusinessCalendar.Builder builder = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                .weekdays(LocalTime.of(9, 0), LocalTime.of(12, 0))
                .weekdays(LocalTime.of(13, 0), LocalTime.of(17, 0))
                .yearlyHoliday(MonthDay.of(1, 1), "New Year")
                .yearlyHoliday(MonthDay.of(5, 1), "Labour Day")
                .yearlyHoliday(MonthDay.of(10, 3), "Unity Day")
                .yearlyHoliday(MonthDay.of(12, 25), "Christmas Day")
                .yearlyHoliday(MonthDay.of(12, 26), "Boxing Day");
        for (int year = 2026; year <= 2028; year++) {
            builder.holiday(LocalDate.of(year, 6, 12), "Company day " + year);
            builder.holiday(LocalDate.of(year, 9, 15), "Offsite " + year);
        }
        return builder.build();
    }

    /**
     * {@code count} open tasks whose SLA started between 0 and 72 h before {@link #NOW}, each in
     * the state its last evaluation (a minute before now) left it: a mix of tasks that are fine,
     * in warning, reminded, breached and escalated, some with a step due now.
     */
    public static WorkflowTask[] tasksInEveryState(SlaPolicy policy, int count) {
        WorkflowTask[] tasks = new WorkflowTask[count];
        long spreadSeconds = Duration.ofDays(3).toSeconds();
        for (int i = 0; i < count; i++) {
            Instant slaStart = NOW.minusSeconds(spreadSeconds * i / count);
            WorkflowTask fresh = WorkflowTask.builder("PO-" + i)
                    .workflowType("purchase-order")
                    .stage("Manager Approval")
                    .assignee("user-" + (i % 50))
                    .slaStart(slaStart)
                    .version(1)
                    .build();
            Instant lastRun = NOW.minus(Duration.ofMinutes(1));
            WorkflowTask evaluated = lastRun.isBefore(slaStart)
                    ? fresh
                    : fresh.toBuilder()
                            .escalation(
                                    SlaEvaluator.plan(policy, fresh, lastRun).state())
                            .build();
            tasks[i] = evaluated;
        }
        return tasks;
    }
}
