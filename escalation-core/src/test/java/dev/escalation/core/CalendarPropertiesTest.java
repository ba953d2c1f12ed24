package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationPropertiesTest.Action;
import dev.escalation.core.EscalationPropertiesTest.Region;
import dev.escalation.core.EscalationPropertiesTest.Simulation;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.policy.CalendarChoice;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.RelativeDeadline;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.policy.Warning;
import dev.escalation.core.policy.WarningThreshold;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.testing.ReferenceModel;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The engine's invariants, and its audit trail against the {@link ReferenceModel}, for policies with a
 * relative deadline whose tasks lie in two regions, each on its own calendar (issue #20): all-day calendars
 * in Europe/Berlin and America/New_York with a holiday each, histories that start days before Berlin's
 * spring-forward Sunday (New York's came three weeks earlier) and may run past it. The model counts the
 * deadline and the SLA time by walking dates in the task's zone; it shares no code with the planner.
 */
class CalendarPropertiesTest {

    private static final int TRIES = 60;
    /** Thursday 2026-03-26 09:00 UTC: Berlin springs forward on Sunday the 29th. */
    private static final Instant START = Instant.parse("2026-03-26T09:00:00Z");

    private static final List<Region> REGIONS = List.of(
            new Region("EU", ZoneId.of("Europe/Berlin"), Set.of(LocalDate.of(2026, 3, 30))),
            new Region("US", ZoneId.of("America/New_York"), Set.of(LocalDate.of(2026, 3, 27))));
    private static final List<EscalationTarget> CHAIN =
            List.of(EscalationTarget.role("department_head"), EscalationTarget.role("director"));

    private static BusinessCalendar allDay(Region region) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(region.zone());
        for (DayOfWeek day : DayOfWeek.values()) {
            b.workingHours(day, LocalTime.MIDNIGHT, LocalTime.MAX);
        }
        region.holidays().forEach(date -> b.holiday(date, "holiday"));
        return b.build();
    }

    private static Simulation simulation(SlaPolicy policy, List<Integer> starts) {
        return new Simulation(policy, starts, Optional.empty(), START, REGIONS);
    }

    @Property(tries = TRIES)
    void the_audit_trail_matches_the_reference_model(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = simulation(policy, starts);

        sim.play(history, report -> assertThat(report.failures()).isEmpty());

        assertThat(sim.stepKeys()).as("no step twice").doesNotHaveDuplicates();
        for (Map.Entry<String, ReferenceModel> task : sim.models.entrySet()) {
            assertThat(sim.happened(task.getKey()))
                    .as("steps of %s", task.getKey())
                    .isEqualTo(task.getValue().steps());
            assertThat(sim.audit.entriesFor(task.getKey()))
                    .filteredOn(e -> e.type() == AuditType.SLA_BREACHED)
                    .as("breaches of %s", task.getKey())
                    .hasSize(task.getValue().breaches());
        }
    }

    @Property(tries = TRIES)
    void nothing_escalates_before_the_task_s_own_deadline(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = simulation(policy, starts);
        int[] seen = {0};
        sim.play(history, report -> {
            List<AuditEntry> entries = sim.audit.entries();
            for (AuditEntry entry : entries.subList(seen[0], entries.size())) {
                String[] key = entry.stepKey().orElse("").split("/");
                if (key.length >= 4 && (key[2].equals("ESCALATION") || key[2].equals("RE_ESCALATION"))) {
                    ReferenceModel model = sim.models.get(entry.taskId());
                    assertThat(model.slaElapsed(sim.clock.now()))
                            .as("SLA time at %s", entry.stepKey().get())
                            .isGreaterThanOrEqualTo(model.sla());
                }
            }
            seen[0] = entries.size();
        });
    }

    @Property(tries = TRIES)
    void the_level_never_decreases_within_a_cycle(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = simulation(policy, starts);
        Map<String, WorkflowTask> before = new HashMap<>();
        sim.play(history, report -> {
            for (WorkflowTask task : sim.tasks.tasks()) {
                WorkflowTask previous = before.put(task.id(), task);
                if (previous != null
                        && previous.escalation().cycle() == task.escalation().cycle()) {
                    assertThat(task.escalation().level())
                            .isGreaterThanOrEqualTo(previous.escalation().level());
                    assertThat(task.escalation().reEscalations())
                            .isGreaterThanOrEqualTo(previous.escalation().reEscalations());
                }
            }
        });
    }

    @Property(tries = TRIES)
    void a_second_run_at_the_same_instant_changes_nothing(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = simulation(policy, starts);
        sim.play(history, report -> {
            int audited = sim.audit.entries().size();
            int delivered = sim.notifier.delivered().size();
            Map<String, Long> versions = sim.versions();

            RunReport again = sim.engine.runOnce();

            assertThat(again.tasksChecked()).isZero();
            assertThat(sim.audit.entries()).hasSize(audited);
            assertThat(sim.notifier.delivered()).hasSize(delivered);
            assertThat(sim.versions()).isEqualTo(versions);
        });
    }

    // ---- generators ---------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Integer>> starts() {
        return new EscalationPropertiesTest().starts();
    }

    @Provide
    Arbitrary<List<Action>> histories() {
        return new EscalationPropertiesTest().histories();
    }

    @Provide
    Arbitrary<SlaPolicy> policies() {
        Arbitrary<RelativeDeadline> deadline = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 3).map(RelativeDeadline::endOfBusinessDay),
                // Whole and half hours, 02:30 among them: Berlin's spring-forward Sunday has no 02:30.
                Arbitraries.integers()
                        .between(1, 47)
                        .map(halfHours ->
                                RelativeDeadline.nextBusinessDayAt(LocalTime.of(halfHours / 2, halfHours % 2 * 30))));
        Arbitrary<Integer> warningMode = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> warningShare = Arbitraries.integers().between(1, 99);
        Arbitrary<Integer> remindEvery =
                Arbitraries.integers().between(10, 12 * 60).injectNull(0.4);
        Arbitrary<Integer> levels = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> reEscalateEvery = Arbitraries.integers().between(30, 48 * 60);
        Arbitrary<Integer> maxReEscalations =
                Arbitraries.integers().between(0, 3).injectNull(0.4);
        return Combinators.combine(
                        deadline, warningMode, warningShare, remindEvery, levels, reEscalateEvery, maxReEscalations)
                .as(CalendarPropertiesTest::policy);
    }

    private static SlaPolicy policy(
            RelativeDeadline deadline,
            int warningMode,
            int warningShare,
            Integer remindEvery,
            int levels,
            int reEscalateEvery,
            Integer maxReEscalations) {
        Map<String, BusinessCalendar> calendars = new LinkedHashMap<>();
        REGIONS.forEach(region -> calendars.put(region.name(), allDay(region)));
        SlaPolicy.Builder b = SlaPolicy.builder("generated")
                .deadline(deadline)
                .calendarFrom(CalendarChoice.attribute("region", calendars))
                .reEscalateEvery(Duration.ofMinutes(reEscalateEvery));
        switch (warningMode) {
            case 1 -> b.warnBefore(Duration.ofMinutes(warningShare * 15L));
            case 2 -> b.warnAt(warningShare / 100.0);
            // Several thresholds: a fraction and a window, whose order depends on each task's own SLA.
            case 3 ->
                b.warnings(List.of(
                        WarningThreshold.of(Warning.at(warningShare / 100.0)),
                        WarningThreshold.of(Warning.before(Duration.ofMinutes(warningShare * 15L)))));
            default -> b.noWarning();
        }
        if (remindEvery != null) {
            b.remindEvery(Duration.ofMinutes(remindEvery));
        }
        if (levels == 0) {
            b.escalationEnabled(false);
        }
        for (int i = 0; i < levels; i++) {
            b.escalateTo(CHAIN.get(i));
        }
        if (maxReEscalations != null) {
            b.maxReEscalations(maxReEscalations);
        }
        return b.build();
    }
}
