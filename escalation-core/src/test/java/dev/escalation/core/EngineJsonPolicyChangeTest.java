package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.PolicyDefinition;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A policy file says what its change does to open tasks (issue #16): with {@code "on_change": "pin"}
 * the tasks opened under the 24 h version keep it while new tasks get the 8 h one; without it they
 * are re-planned, as a policy built in code is.
 */
class EngineJsonPolicyChangeTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final ObjectMapper MAPPER = new ObjectMapper();

    final ManualClock clock = ManualClock.at(START);
    final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);

    static SlaPolicy read(String json) throws Exception {
        return MAPPER.readValue(json, PolicyDefinition.class).toPolicy();
    }

    static PolicyRegistry define(String json) throws Exception {
        return PolicyRegistry.builder()
                .define(MAPPER.readValue(json, PolicyDefinition.class))
                .build();
    }

    static final String DAY = """
            {"stage_name": "Manager Approval", "sla_hours": 24, "escalation_to": "department_head"}""";
    static final String EIGHT_HOURS_PINNED = """
            {"stage_name": "Manager Approval", "sla_hours": 8, "escalation_to": "department_head", "on_change": "pin"}""";
    static final String EIGHT_HOURS = """
            {"stage_name": "Manager Approval", "sla_hours": 8, "escalation_to": "department_head"}""";

    EscalationEngine engine(PolicyRegistry policies) {
        return EscalationEngine.builder()
                .repository(tasks)
                .policies(policies)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .build();
    }

    @Test
    void a_json_policy_that_pins_keeps_open_tasks_on_the_version_they_started_under() throws Exception {
        // given a task planned under the 24 h policy read from JSON
        SlaPolicy day = read(DAY);
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        engine(define(DAY)).runOnce();

        // when the policy file is changed to 8 h with "on_change": "pin", the 24 h version retained
        SlaPolicy eightHours = read(EIGHT_HOURS_PINNED);
        EscalationEngine engine = engine(PolicyRegistry.builder()
                .define(MAPPER.readValue(EIGHT_HOURS_PINNED, PolicyDefinition.class))
                .retain(day)
                .build());
        clock.set(START.plus(Duration.ofHours(1)));
        tasks.open(NewTask.of("PO-2", "purchase-order", "Manager Approval", "alice", clock.now()));
        clock.set(START.plus(Duration.ofHours(9)));
        RunReport afterNine = engine.runOnce();
        clock.set(START.plus(Duration.ofHours(24)));
        RunReport atTheOldDeadline = engine.runOnce();

        // then the new task escalates at its 8 h deadline, the old one only at its 24 h deadline,
        // each step audited with the version that governed it, and nothing re-planned
        assertThat(afterNine.escalations()).isEqualTo(1);
        assertThat(atTheOldDeadline.escalations()).isEqualTo(1);
        assertThat(escalation("PO-2").occurredAt()).isEqualTo(START.plus(Duration.ofHours(9)));
        assertThat(escalation("PO-2").details()).containsEntry("policyVersion", eightHours.version());
        assertThat(escalation("PO-1").occurredAt()).isEqualTo(START.plus(Duration.ofHours(24)));
        assertThat(escalation("PO-1").details()).containsEntry("policyVersion", day.version());
        assertThat(tasks.auditTrail().entriesOf(AuditType.DEADLINE_CHANGED)).isEmpty();
        assertThat(tasks.find("PO-1").orElseThrow().escalation().policy())
                .hasValueSatisfying(v -> assertThat(v.version()).isEqualTo(day.version()));
    }

    @Test
    void a_json_policy_that_says_nothing_re_plans_open_tasks_at_the_first_run_after_the_change() throws Exception {
        // given a task planned under the 24 h policy read from JSON
        SlaPolicy day = read(DAY);
        tasks.open(NewTask.of("PO-1", "purchase-order", "Manager Approval", "alice", START));
        engine(define(DAY)).runOnce();

        // when the file is changed to 8 h without on_change, the 24 h version retained all the same
        EscalationEngine engine = engine(PolicyRegistry.builder()
                .define(MAPPER.readValue(EIGHT_HOURS, PolicyDefinition.class))
                .retain(day)
                .build());
        clock.set(START.plus(Duration.ofHours(9)));
        RunReport afterNine = engine.runOnce();

        // then the task is re-planned once and escalated at once
        assertThat(afterNine.escalations()).isEqualTo(1);
        assertThat(tasks.auditTrail().entriesOf(AuditType.DEADLINE_CHANGED))
                .singleElement()
                .satisfies(e -> assertThat(e.taskId()).isEqualTo("PO-1"));
    }

    private AuditEntry escalation(String taskId) {
        List<AuditEntry> escalations = tasks.auditTrail().entriesFor(taskId).stream()
                .filter(e -> e.type() == AuditType.ESCALATED)
                .toList();
        assertThat(escalations).as("escalations of %s", taskId).hasSize(1);
        return escalations.get(0);
    }
}
