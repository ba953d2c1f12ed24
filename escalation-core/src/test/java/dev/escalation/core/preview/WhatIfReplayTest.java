package dev.escalation.core.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Five tasks recorded under a 24 h policy with an engine run every 15 minutes, replayed under that
 * policy and under an 8 h one. Under 24 h: A done at 10 h, B at 23 h (warned), C at 30 h (warned,
 * breached, escalated), E held from 1 h to 11 h and done at 30 h (its deadline moved to 34 h), all
 * in Manager Approval; D in Finance Review never done (warned, breached, escalated twice by 50 h).
 */
class WhatIfReplayTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Duration TICK = Duration.ofMinutes(15);
    private static final Instant END = T0.plus(hours(50));

    private final SlaPolicy day = policy("day", hours(24));
    private final SlaPolicy eightHours = policy("eight hours", hours(8));

    private static SlaPolicy policy(String name, Duration sla) {
        return SlaPolicy.builder(name)
                .sla(sla)
                .warnBefore(hours(2))
                .escalateTo(EscalationTarget.role("department_head"))
                .escalateTo(EscalationTarget.role("director"), hours(24))
                .maxReEscalations(0)
                .build();
    }

    @Test
    void figures_of_the_recorded_trail_count_compliance_breaches_and_escalations_per_level() {
        TrailFigures actual = TrailFigures.of(recordUnder(day));

        assertThat(actual.stages())
                .containsEntry("Manager Approval", new StageFigures(4, 3, 1))
                .containsEntry("Finance Review", new StageFigures(0, 0, 1));
        assertThat(actual.stages().get("Manager Approval").compliance()).contains(0.75);
        assertThat(actual.breaches()).isEqualTo(2);
        assertThat(actual.warnings()).isEqualTo(3);
        assertThat(actual.escalationsByLevel()).isEqualTo(Map.of(1, 2L, 2, 1L));
        assertThat(actual.notifiedSteps()).isEqualTo(6);
    }

    @Test
    void a_stricter_policy_replayed_breaches_more_and_complies_less() {
        ReplayComparison comparison =
                WhatIfReplay.of(recordUnder(day)).until(END).replay(task -> Optional.of(eightHours));

        TrailFigures replayed = comparison.replayed();
        assertThat(replayed.stages())
                .containsEntry("Manager Approval", new StageFigures(4, 0, 4))
                .containsEntry("Finance Review", new StageFigures(0, 0, 1));
        assertThat(replayed.stages().get("Manager Approval").compliance()).contains(0.0);
        assertThat(replayed.breaches()).isEqualTo(5);
        assertThat(replayed.warnings()).isEqualTo(5);
        assertThat(replayed.escalationsByLevel()).isEqualTo(Map.of(1, 5L, 2, 1L));
        assertThat(replayed.notifiedSteps()).isEqualTo(11);
        assertThat(comparison.actual()).isEqualTo(TrailFigures.of(recordUnder(day)));
    }

    @Test
    void replaying_the_policy_in_force_on_the_host_schedule_reproduces_every_step_at_its_instant() {
        List<AuditEntry> recorded = recordUnder(day);

        ReplayComparison comparison =
                WhatIfReplay.of(recorded).runEvery(T0, TICK).until(END).replay(task -> Optional.of(day));

        assertThat(comparison.replayed()).isEqualTo(comparison.actual());
        assertThat(steps(comparison.replayedTrail())).isEqualTo(steps(recorded)).isNotEmpty();
    }

    @Test
    void replaying_at_due_instants_finds_the_same_figures_when_the_host_ran_often_enough() {
        ReplayComparison comparison =
                WhatIfReplay.of(recordUnder(day)).until(END).replay(task -> Optional.of(day));

        assertThat(comparison.replayed()).isEqualTo(comparison.actual());
    }

    @Test
    void the_comparison_prints_actual_beside_replayed() {
        ReplayComparison comparison =
                WhatIfReplay.of(recordUnder(day)).until(END).replay(task -> Optional.of(eightHours));

        assertThat(comparison.table())
                .contains(String.format("%-44s %10s %10s", "SLA compliance, Manager Approval", "75.0 %", "0.0 %"))
                .contains(String.format("%-44s %10s %10s", "escalations to level 1", 2, 5));
        assertThat(comparison.toJsonText())
                .startsWith("{\"actual\":{\"stages\":{\"Finance Review\":{\"completed\":0,\"completedInTime\":0,");
    }

    @Test
    void an_opening_entry_without_its_stage_is_refused_naming_the_entry() {
        AuditEntry opened = recordUnder(day).get(0);
        AuditEntry broken = new AuditEntry(
                opened.id(),
                AuditType.TASK_OPENED,
                opened.taskId(),
                Optional.empty(),
                opened.occurredAt(),
                opened.actor(),
                0,
                Optional.empty(),
                opened.toAssignee(),
                Optional.empty(),
                Map.of());

        assertThatThrownBy(() -> WhatIfReplay.of(List.of(broken)).replay(task -> Optional.of(day)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(opened.id())
                .hasMessageContaining("details.stage");
    }

    @Test
    void stage_changes_reassignments_priority_changes_and_cancellations_are_replayed_as_recorded() {
        ManualClock clock = ManualClock.at(T0);
        InMemoryWorkflowRepository recorded = new InMemoryWorkflowRepository(clock);
        recorded.open(task("X", "Manager Approval"));
        recorded.open(task("Y", "Manager Approval"));
        clock.set(T0.plus(hours(1)));
        recorded.cancel("Y");
        clock.set(T0.plus(hours(2)));
        recorded.changeStage("X", "Finance Review", "fred", T0.plus(hours(1)));
        clock.set(T0.plus(hours(3)));
        recorded.reassign("X", "fiona");
        clock.set(T0.plus(hours(4)));
        recorded.changePriority("X", "urgent");
        clock.set(T0.plus(hours(5)));
        recorded.complete("X");
        List<AuditEntry> history = recorded.auditTrail().entries();

        ReplayComparison comparison = WhatIfReplay.of(history).replay(task -> Optional.of(day));

        assertThat(comparison.actual().stages())
                .isEqualTo(Map.of(
                        "Manager Approval", new StageFigures(1, 1, 0), "Finance Review", new StageFigures(1, 1, 0)));
        assertThat(comparison.replayed()).isEqualTo(comparison.actual());
        assertThat(comparison.replayedTrail())
                .extracting(e -> e.type() + " " + e.taskId() + " " + e.occurredAt() + " " + e.details())
                .isEqualTo(history.stream()
                        .map(e -> e.type() + " " + e.taskId() + " " + e.occurredAt() + " " + e.details())
                        .toList());
    }

    /** The engine's steps as (type, task, instant, level), in order. */
    private static List<String> steps(List<AuditEntry> trail) {
        return trail.stream()
                .filter(e -> !HistoryEvents.HOST_CHANGES.contains(e.type()))
                .map(e -> e.type() + " " + e.taskId() + " " + e.occurredAt() + " " + e.level())
                .toList();
    }

    /** The five tasks' history under {@code policy}, with an engine run every 15 minutes until 50 h. */
    private List<AuditEntry> recordUnder(SlaPolicy policy) {
        ManualClock clock = ManualClock.at(T0);
        InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock);
        TreeMap<Instant, List<Consumer<TaskStore>>> changes = new TreeMap<>();
        at(changes, hours(0), s -> s.open(task("A", "Manager Approval")));
        at(changes, hours(0), s -> s.open(task("B", "Manager Approval")));
        at(changes, hours(0), s -> s.open(task("C", "Manager Approval")));
        at(changes, hours(0), s -> s.open(task("D", "Finance Review")));
        at(changes, hours(0), s -> s.open(task("E", "Manager Approval")));
        at(changes, hours(1), s -> s.hold("E"));
        at(changes, hours(10), s -> s.complete("A"));
        at(changes, hours(11), s -> s.resume("E"));
        at(changes, hours(23), s -> s.complete("B"));
        at(changes, hours(30), s -> s.complete("C"));
        at(changes, hours(30), s -> s.complete("E"));
        try (EscalationEngine engine = EscalationEngine.builder()
                .repository(repository)
                .policy(policy)
                .targets(TargetResolver.roles(Map.of("department_head", "dora", "director", "dirk")))
                .notifier(n -> {})
                .build()) {
            for (Instant t = T0; !t.isAfter(END); t = t.plus(TICK)) {
                clock.set(t);
                changes.getOrDefault(t, List.of()).forEach(change -> change.accept(repository));
                engine.runOnce();
            }
        }
        return repository.auditTrail().entries();
    }

    private static void at(TreeMap<Instant, List<Consumer<TaskStore>>> changes, Duration after, Consumer<TaskStore> c) {
        changes.computeIfAbsent(T0.plus(after), t -> new ArrayList<>()).add(c);
    }

    private static NewTask task(String id, String stage) {
        return NewTask.of(id, "purchase-order", stage, "alice", T0);
    }

    private static Duration hours(long n) {
        return Duration.ofHours(n);
    }
}
