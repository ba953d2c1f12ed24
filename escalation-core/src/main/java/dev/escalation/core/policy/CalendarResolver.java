package dev.escalation.core.policy;

import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.task.WorkflowTask;
import java.util.Optional;

/**
 * The host's answer to "on which calendar does this task's SLA run?" (issue #20), for a policy that
 * says {@link CalendarChoice#resolver(CalendarResolver)}. The engine asks it each time it plans the
 * task, so the deadline follows the answer. For example, the calendar of the assignee's region:
 *
 * <pre>{@code
 * Map<String, BusinessCalendar> byRegion = Map.of("EU", berlinOffice, "US", newYorkOffice);
 * CalendarResolver assigneeRegion = task -> directory.regionOf(task.assignee()).map(byRegion::get);
 *
 * SlaPolicy policy = SlaPolicy.builder("Support")
 *         .deadline(RelativeDeadline.endOfBusinessDay(1))
 *         .calendarFrom(CalendarChoice.resolver(assigneeRegion).orDefault(berlinOffice))
 *         .escalateTo(EscalationTarget.role("support_lead"))
 *         .build();
 * }</pre>
 *
 * <p>It must be fast, side-effect free and thread-safe, and give the same answer for the same task
 * while nothing about it changes. An empty answer uses the choice's default calendar; without one the
 * task is not planned, but reported ({@code TaskFailure.Kind.EVALUATION_FAILED}) and audited
 * ({@code TASK_FAILED}), and checked again after the engine's retry delay.
 */
@FunctionalInterface
public interface CalendarResolver {

    /**
     * The calendar of {@code task}.
     *
     * @param task the task being planned
     * @return its calendar; empty when the host knows none
     */
    Optional<BusinessCalendar> calendarFor(WorkflowTask task);
}
