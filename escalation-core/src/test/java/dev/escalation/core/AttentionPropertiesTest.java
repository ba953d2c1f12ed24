package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationPropertiesTest.Action;
import dev.escalation.core.EscalationPropertiesTest.Simulation;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.testing.ReferenceModel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The engine's invariants of {@link EscalationPropertiesTest} over policies with an acknowledgement
 * timeout and a snooze cap, and histories in which the host also acknowledges tasks and snoozes their
 * reminders (issue #20), against the {@link ReferenceModel}: the audit trail matches it, each step
 * happens once, nothing escalates before the deadline, levels never go down and a second run at the
 * same instant changes nothing. The host's store knows no policies here, so the engine's own cap on
 * a snooze is what holds it to {@code max_snooze}.
 */
class AttentionPropertiesTest {

    private static final int TRIES = 80;
    private final EscalationPropertiesTest base = new EscalationPropertiesTest();

    @Property(tries = TRIES)
    void the_audit_trail_matches_the_reference_model_with_acknowledgements_and_snoozes(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Move> history) {
        Simulation sim = new Simulation(policy, starts);

        play(sim, history, report -> {});

        assertThat(sim.stepKeys()).as("no step twice").doesNotHaveDuplicates();
        for (Map.Entry<String, ReferenceModel> task : sim.models.entrySet()) {
            ReferenceModel model = task.getValue();
            assertThat(sim.happened(task.getKey()))
                    .as("steps of %s", task.getKey())
                    .isEqualTo(model.steps());
            assertThat(sim.audit.entriesFor(task.getKey()))
                    .filteredOn(e -> e.type() == AuditType.SLA_BREACHED)
                    .as("breaches of %s", task.getKey())
                    .hasSize(model.breaches());
        }
    }

    @Property(tries = TRIES)
    void nothing_escalates_before_the_deadline_even_when_an_acknowledgement_times_out(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Move> history) {
        Simulation sim = new Simulation(policy, starts);
        int[] seen = {0};
        play(sim, history, report -> {
            List<AuditEntry> entries = sim.audit.entries();
            for (AuditEntry entry : entries.subList(seen[0], entries.size())) {
                if (entry.type() == AuditType.ESCALATED || entry.type() == AuditType.RE_ESCALATED) {
                    assertThat(sim.models.get(entry.taskId()).slaElapsed(sim.clock.now()))
                            .as("SLA time at %s", entry.stepKey().orElseThrow())
                            .isGreaterThanOrEqualTo(policy.slaFor(WorkflowTask.DEFAULT_PRIORITY));
                }
            }
            seen[0] = entries.size();
        });
    }

    @Property(tries = TRIES)
    void the_level_never_decreases_within_a_cycle_with_acknowledgements_and_snoozes(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Move> history) {
        Simulation sim = new Simulation(policy, starts);
        Map<String, WorkflowTask> before = new HashMap<>();
        play(sim, history, report -> {
            for (WorkflowTask task : sim.tasks.tasks()) {
                WorkflowTask previous = before.put(task.id(), task);
                if (previous != null
                        && previous.escalation().cycle() == task.escalation().cycle()) {
                    assertThat(task.escalation().level())
                            .as("level of %s", task.id())
                            .isGreaterThanOrEqualTo(previous.escalation().level());
                    assertThat(task.escalation().reEscalations())
                            .isGreaterThanOrEqualTo(previous.escalation().reEscalations());
                }
            }
        });
    }

    @Property(tries = TRIES)
    void a_second_run_at_the_same_instant_changes_nothing_with_acknowledgements_and_snoozes(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Move> history) {
        Simulation sim = new Simulation(policy, starts);
        play(sim, history, report -> {
            int audited = sim.audit.entries().size();
            Map<String, Long> versions = sim.versions();

            RunReport again = sim.engine.runOnce();

            assertThat(again.tasksChecked()).isZero();
            assertThat(sim.audit.entries()).hasSize(audited);
            assertThat(sim.versions()).isEqualTo(versions);
        });
    }

    private static void play(Simulation sim, List<Move> history, Consumer<RunReport> afterRun) {
        for (Move move : history) {
            move.apply(sim, afterRun);
        }
    }

    /** A host's move: one of {@link EscalationPropertiesTest}'s actions, an acknowledgement or a snooze. */
    sealed interface Move {
        void apply(Simulation sim, Consumer<RunReport> afterRun);
    }

    record Play(Action action) implements Move {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            sim.play(List.of(action), afterRun);
        }
    }

    record Acknowledge(int task) implements Move {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            String id = sim.id(task);
            if (sim.status(id).isActive()) {
                sim.tasks.acknowledge(id, "alice");
                sim.models.get(id).acknowledged(sim.clock.now());
            }
        }
    }

    record Snooze(int task, int minutes) implements Move {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            String id = sim.id(task);
            if (sim.status(id) == TaskStatus.OPEN || sim.status(id) == TaskStatus.ON_HOLD) {
                sim.tasks.snooze(id, sim.clock.now().plus(Duration.ofMinutes(minutes)), "alice");
                sim.models.get(id).snoozed(sim.clock.now(), sim.clock.now().plus(Duration.ofMinutes(minutes)));
            }
        }
    }

    // ---- generators ---------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Integer>> starts() {
        return base.starts();
    }

    @Provide
    Arbitrary<SlaPolicy> policies() {
        Arbitrary<Integer> ackMinutes =
                Arbitraries.integers().between(1, 12 * 60).injectNull(0.2);
        Arbitrary<Integer> maxSnoozeMinutes =
                Arbitraries.integers().between(1, 24 * 60).injectNull(0.3);
        return Combinators.combine(base.policies(), ackMinutes, maxSnoozeMinutes)
                .as((policy, ack, maxSnooze) -> {
                    SlaPolicy.Builder b = policy.toBuilder();
                    if (ack != null) {
                        b.acknowledgeTimeout(Duration.ofMinutes(ack));
                    }
                    if (maxSnooze != null) {
                        b.maxSnooze(Duration.ofMinutes(maxSnooze));
                    }
                    return b.build();
                });
    }

    @Provide
    Arbitrary<List<Move>> histories() {
        Arbitrary<Integer> task = Arbitraries.integers().between(0, 3);
        Arbitrary<Move> move = Arbitraries.frequencyOf(
                Tuple.of(10, base.histories().map(actions -> (Move) new Play(actions.get(0)))),
                Tuple.of(2, task.map(i -> (Move) new Acknowledge(i))),
                Tuple.of(
                        2,
                        Combinators.combine(task, Arbitraries.integers().between(1, 36 * 60))
                                .as((i, minutes) -> (Move) new Snooze(i, minutes))));
        return move.list().ofMinSize(1).ofMaxSize(50);
    }
}
