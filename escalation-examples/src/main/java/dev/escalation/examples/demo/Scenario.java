package dev.escalation.examples.demo;

import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.PolicyKey;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The demo's organisation: its workflows, their SLA policies, and who sits where in the escalation
 * chain. This is the part a host writes once, usually from configuration.
 */
final class Scenario {

    /** A workflow stage that tasks wait in. */
    record Stage(String workflowType, String name, SlaPolicy policy, int weight) {}

    static final SlaPolicy MANAGER_APPROVAL = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .remindEvery(Duration.ofHours(4))
            .maxReminders(2)
            .escalateTo(EscalationTarget.role("department_head"))
            .escalateTo(EscalationTarget.role("director"), Duration.ofHours(24))
            .reEscalateEvery(Duration.ofHours(24))
            .maxReEscalations(2)
            .build();

    static final SlaPolicy FINANCE_REVIEW = SlaPolicy.builder("Finance Review")
            .sla(Duration.ofHours(48))
            .warnAt(0.75)
            .remindEvery(Duration.ofHours(8))
            .maxReminders(3)
            .escalateTo(EscalationTarget.role("finance_lead"))
            .escalateTo(EscalationTarget.user("carl.cfo"), Duration.ofHours(24))
            .build();

    /** Legal works 09:00-17:00 on weekdays in Berlin; 2026-03-09 is a (made-up) company holiday. */
    static final BusinessCalendar LEGAL_OFFICE = BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
            .weekdays(LocalTime.of(9, 0), LocalTime.of(17, 0))
            .holiday(LocalDate.of(2026, 3, 9), "company day")
            .build();

    static final SlaPolicy LEGAL_SIGN_OFF = SlaPolicy.builder("Legal Sign-off")
            .calendar(LEGAL_OFFICE)
            .sla(Duration.ofHours(24)) // three business days of eight hours
            .warnBefore(Duration.ofHours(8))
            .escalateTo(EscalationTarget.role("legal_head"))
            .reEscalateEvery(Duration.ofHours(24))
            .maxReEscalations(3)
            .build();

    static final List<Stage> STAGES = List.of(
            new Stage("purchase-order", "Manager Approval", MANAGER_APPROVAL, 4),
            new Stage("purchase-order", "Finance Review", FINANCE_REVIEW, 3),
            new Stage("expense", "Manager Approval", MANAGER_APPROVAL, 4),
            new Stage("contract", "Legal Sign-off", LEGAL_SIGN_OFF, 2));

    static final List<String> DEPARTMENTS = List.of("sales", "engineering", "operations", "marketing");

    static final List<String> APPROVERS = List.of("alice", "bob", "chen", "dana", "emil", "farah", "goran", "hana");

    private Scenario() {}

    static PolicyRegistry policies() {
        return PolicyRegistry.builder()
                .register(PolicyKey.stage("Manager Approval"), MANAGER_APPROVAL)
                .register(PolicyKey.stage("purchase-order", "Finance Review"), FINANCE_REVIEW)
                .register(PolicyKey.stage("contract", "Legal Sign-off"), LEGAL_SIGN_OFF)
                .build();
    }

    /** The org chart: department heads by the task's department, fixed people for the other roles. */
    static TargetResolver orgChart() {
        return (target, task, level) -> {
            if (target.kind() == EscalationTarget.Kind.USER) {
                return Optional.of(target.name());
            }
            switch (target.name()) {
                case "department_head":
                    return Optional.ofNullable(task.attributes().get("department"))
                            .map(d -> "head-of-" + d);
                case "director":
                    return Optional.of("dir.ingrid");
                case "finance_lead":
                    return Optional.of("fiona.finance");
                case "legal_head":
                    return Optional.of("lena.legal");
                default:
                    return Optional.empty();
            }
        };
    }
}
