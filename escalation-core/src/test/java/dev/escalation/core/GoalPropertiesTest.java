package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.testing.ReferenceModel;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The engine's invariants over random policies of one to three named goals, each goal a random
 * schedule of the kind {@link EscalationPropertiesTest} draws, and random histories that also meet
 * goals: every goal's steps match a {@link ReferenceModel} of that goal alone (met goals are
 * finished, reassignments restart the open goals only), no step happens twice, nothing escalates
 * before its goal's deadline, levels never go down, and a second run at the same instant changes nothing.
 */
class GoalPropertiesTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final int TRIES = 60;

    @Property(tries = TRIES)
    void each_goals_steps_match_the_reference_model_of_that_goal(
            @ForAll("goalPolicies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = new Simulation(policy, starts);

        sim.play(history, report -> {});

        assertThat(sim.stepKeys()).as("no step twice").doesNotHaveDuplicates();
        for (String id : sim.ids) {
            Map<String, ReferenceModel.Happened> expected = new LinkedHashMap<>();
            int breaches = 0;
            for (ReferenceModel goal : sim.models.get(id).values()) {
                expected.putAll(goal.steps());
                breaches += goal.breaches();
            }
            assertThat(ReferenceModel.stepsIn(sim.audit.entriesFor(id)).getOrDefault(id, Map.of()))
                    .as("steps of %s", id)
                    .isEqualTo(expected);
            assertThat(sim.audit.entriesFor(id))
                    .filteredOn(e -> e.type() == AuditType.SLA_BREACHED)
                    .as("breaches of %s, one per goal and cycle at most", id)
                    .hasSize(breaches);
            expected.forEach((key, step) -> assertThat(sim.deliveredSteps().contains(key))
                    .as("%s notified", key)
                    .isEqualTo(step.fate() == ReferenceModel.Fate.NOTIFIED));
        }
    }

    @Property(tries = TRIES)
    void nothing_escalates_before_its_goals_deadline(
            @ForAll("goalPolicies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = new Simulation(policy, starts);
        int[] seen = {0};
        sim.play(history, report -> {
            List<AuditEntry> entries = sim.audit.entries();
            for (AuditEntry entry : entries.subList(seen[0], entries.size())) {
                String[] key = entry.stepKey().orElse("").split("/");
                boolean escalation = entry.type() == AuditType.ESCALATED || entry.type() == AuditType.RE_ESCALATED;
                if (escalation) {
                    Goal goal = policy.goal(key[2]).orElseThrow();
                    SlaPolicy schedule = goal.schedule();
                    int level = key[3].equals("ESCALATION")
                            ? Integer.parseInt(key[4])
                            : schedule.levels().size();
                    Duration point =
                            schedule.sla().plus(schedule.levels().get(level - 1).afterDeadline());
                    assertThat(sim.models.get(entry.taskId()).get(key[2]).slaElapsed(sim.clock.now()))
                            .as("SLA time at %s", entry.stepKey().get())
                            .isGreaterThanOrEqualTo(point);
                }
            }
            seen[0] = entries.size();
        });
    }

    @Property(tries = TRIES)
    void each_goals_level_never_decreases_within_a_cycle_and_a_second_run_changes_nothing(
            @ForAll("goalPolicies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = new Simulation(policy, starts);
        Map<String, WorkflowTask> before = new HashMap<>();
        sim.play(history, report -> {
            for (WorkflowTask task : sim.tasks.tasks()) {
                WorkflowTask previous = before.put(task.id(), task);
                if (previous != null
                        && previous.escalation().cycle() == task.escalation().cycle()) {
                    for (Goal goal : policy.goals()) {
                        assertThat(task.escalation()
                                        .goals()
                                        .progress(goal.name())
                                        .level())
                                .as("level of %s's %s", task.id(), goal.name())
                                .isGreaterThanOrEqualTo(previous.escalation()
                                        .goals()
                                        .progress(goal.name())
                                        .level());
                    }
                }
            }
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

    static final class Simulation {
        final ManualClock clock = ManualClock.at(START);
        final InMemoryAuditSink audit = new InMemoryAuditSink();
        final InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock, audit);
        final RecordingNotifier notifier = new RecordingNotifier();
        /** Per task, a reference model per goal. */
        final Map<String, Map<String, ReferenceModel>> models = new LinkedHashMap<>();

        final List<String> ids = new ArrayList<>();
        final SlaPolicy policy;
        final EscalationEngine engine;
        Optional<Instant> nextDueAt = Optional.empty();

        Simulation(SlaPolicy policy, List<Integer> startOffsetMinutes) {
            this.policy = policy;
            engine = EscalationEngine.builder()
                    .repository(tasks)
                    .policy(policy)
                    .notifier(notifier)
                    .targets(TargetResolver.roles(EngineFixture.ORG_CHART))
                    .build();
            for (int offset : startOffsetMinutes) {
                String id = "T" + ids.size();
                Instant slaStart = START.minus(Duration.ofMinutes(offset));
                tasks.open(NewTask.of(id, "service-request", "Triage", "alice", slaStart));
                Map<String, ReferenceModel> goals = new LinkedHashMap<>();
                for (Goal goal : policy.goals()) {
                    ReferenceModel model = new ReferenceModel(id, goal.schedule(), goal.name());
                    model.opened(slaStart);
                    goals.put(goal.name(), model);
                }
                models.put(id, goals);
                ids.add(id);
            }
        }

        void play(List<Action> history, Consumer<RunReport> afterRun) {
            history.forEach(action -> action.apply(this, afterRun));
        }

        RunReport run() {
            RunReport report = engine.runOnce();
            nextDueAt = report.nextDueAt();
            models.values().forEach(goals -> goals.values().forEach(model -> model.ran(clock.now())));
            return report;
        }

        String id(int index) {
            return ids.get(index % ids.size());
        }

        TaskStatus status(String id) {
            return tasks.find(id).orElseThrow().status();
        }

        Map<String, Long> versions() {
            return tasks.tasks().stream().collect(Collectors.toMap(WorkflowTask::id, WorkflowTask::version));
        }

        List<String> stepKeys() {
            return audit.entries().stream()
                    .filter(e -> ReferenceModel.fateOf(e).isPresent())
                    .flatMap(e -> ReferenceModel.stepKeysOf(e).stream())
                    .toList();
        }

        List<String> deliveredSteps() {
            return notifier.delivered().stream()
                    .map(Notification::idempotencyKey)
                    .map(key -> key.substring(0, key.lastIndexOf('/')))
                    .toList();
        }
    }

    sealed interface Action {
        void apply(Simulation sim, Consumer<RunReport> afterRun);
    }

    record AdvanceAndRun(int minutes) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            sim.clock.advance(Duration.ofMinutes(minutes));
            afterRun.accept(sim.run());
        }
    }

    record RunWhenDue() implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            Instant now = sim.clock.now();
            sim.clock.set(sim.nextDueAt.filter(at -> at.isAfter(now)).orElse(now.plus(Duration.ofMinutes(1))));
            afterRun.accept(sim.run());
        }
    }

    record Complete(int task) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            String id = sim.id(task);
            if (sim.status(id).isActive()) {
                sim.tasks.complete(id);
                sim.models.get(id).values().forEach(model -> model.finished(sim.clock.now()));
            }
        }
    }

    /** Meets one goal; meeting the last open one completes the task. */
    record Meet(int task, int goal) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            String id = sim.id(task);
            List<Goal> goals = sim.policy.goals();
            String name = goals.get(goal % goals.size()).name();
            ReferenceModel model = sim.models.get(id).get(name);
            // The store knows a task's goals once the engine planned it: every task is planned at the first run.
            if (sim.status(id).isActive()
                    && model.isOpen()
                    && !sim.tasks.find(id).orElseThrow().escalation().goals().isEmpty()) {
                sim.tasks.meet(id, name);
                model.finished(sim.clock.now());
            }
        }
    }

    record Hold(int task) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            String id = sim.id(task);
            if (sim.status(id) == TaskStatus.OPEN) {
                sim.tasks.hold(id);
                sim.models.get(id).values().forEach(model -> model.held(sim.clock.now()));
            }
        }
    }

    record Resume(int task) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            String id = sim.id(task);
            if (sim.status(id) == TaskStatus.ON_HOLD) {
                sim.tasks.resume(id);
                sim.models.get(id).values().forEach(model -> model.resumed(sim.clock.now()));
            }
        }
    }

    record Reassign(int task) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            String id = sim.id(task);
            if (sim.status(id).isActive()) {
                sim.tasks.reassign(id, "bob");
                sim.models.get(id).values().stream()
                        .filter(ReferenceModel::isOpen)
                        .forEach(model -> model.reassigned(sim.clock.now()));
            }
        }
    }

    @Provide
    Arbitrary<List<Integer>> starts() {
        return Arbitraries.integers()
                .between(0, 3 * 24 * 60)
                .list()
                .ofMinSize(1)
                .ofMaxSize(3);
    }

    @Provide
    Arbitrary<SlaPolicy> goalPolicies() {
        // Goals may have several warning thresholds: their progress keeps the count of those applied.
        return new EscalationPropertiesTest()
                .policies()
                .list()
                .ofMinSize(1)
                .ofMaxSize(3)
                .map(schedules -> {
                    SlaPolicy.Builder builder = SlaPolicy.builder("goals");
                    for (int i = 0; i < schedules.size(); i++) {
                        builder.goal(new Goal(i == 0 ? "response" : "goal" + i, schedules.get(i)));
                    }
                    return builder.build();
                });
    }

    @Provide
    @SuppressWarnings("unchecked")
    Arbitrary<List<Action>> histories() {
        Arbitrary<Integer> task = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> minutes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 59)),
                Tuple.of(4, Arbitraries.integers().between(60, 24 * 60)),
                Tuple.of(2, Arbitraries.integers().between(24 * 60, 4 * 24 * 60)));
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(8, minutes.map(m -> (Action) new AdvanceAndRun(m))),
                Tuple.of(6, Arbitraries.<Action>just(new RunWhenDue())),
                Tuple.of(1, task.map(i -> (Action) new Complete(i))),
                Tuple.of(3, Arbitraries.integers().between(0, 8).map(i -> (Action) new Meet(i % 3, i / 3))),
                Tuple.of(2, task.map(i -> (Action) new Hold(i))),
                Tuple.of(2, task.map(i -> (Action) new Resume(i))),
                Tuple.of(1, task.map(i -> (Action) new Reassign(i))));
        return action.list().ofMinSize(1).ofMaxSize(40);
    }
}
