package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.memory.InMemoryWorkflowRepository.OutboxEntry;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.InvalidPolicyException;
import dev.escalation.core.policy.PolicyChange;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.policy.Warning;
import dev.escalation.core.policy.WarningThreshold;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStatus;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.testing.DeliveryModel;
import dev.escalation.core.testing.QuietHours;
import dev.escalation.core.testing.ReferenceModel;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The engine's invariants for random valid policies and random histories - clock advances from
 * minutes to days, runs, completions, holds, resumes and reassignments - over an in-memory
 * repository, and its audit trail against the {@link ReferenceModel}.
 */
class EscalationPropertiesTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final int TRIES = 60;
    private static final List<EscalationTarget> CHAIN = List.of(
            EscalationTarget.role("department_head"), EscalationTarget.role("director"), EscalationTarget.role("ceo"));

    @Property(tries = TRIES)
    void the_level_never_decreases_within_a_cycle(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = new Simulation(policy, starts);
        Map<String, WorkflowTask> before = new HashMap<>();
        sim.play(history, report -> {
            for (WorkflowTask task : sim.tasks.tasks()) {
                WorkflowTask previous = before.put(task.id(), task);
                if (previous != null
                        && previous.escalation().cycle() == task.escalation().cycle()) {
                    assertThat(task.escalation().level())
                            .as("level of %s", task.id())
                            .isGreaterThanOrEqualTo(previous.escalation().level());
                    assertThat(task.escalation().remindersSent())
                            .isGreaterThanOrEqualTo(previous.escalation().remindersSent());
                    assertThat(task.escalation().reEscalations())
                            .isGreaterThanOrEqualTo(previous.escalation().reEscalations());
                }
            }
        });
    }

    @Property(tries = TRIES)
    void nothing_escalates_before_the_deadline(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = new Simulation(policy, starts);
        int[] seen = {0};
        sim.play(history, report -> {
            List<AuditEntry> entries = sim.audit.entries();
            for (AuditEntry entry : entries.subList(seen[0], entries.size())) {
                String[] key = entry.stepKey().orElse("").split("/");
                boolean escalation = key.length >= 4 && (key[2].equals("ESCALATION") || key[2].equals("RE_ESCALATION"));
                if (escalation && entry.type() != AuditType.NOTIFICATION_GIVEN_UP) {
                    Duration elapsed = sim.models.get(entry.taskId()).slaElapsed(sim.clock.now());
                    Duration point = sim.models
                            .get(entry.taskId())
                            .sla()
                            .plus(policy.levels()
                                    .get(
                                            key[2].equals("ESCALATION")
                                                    ? Integer.parseInt(key[3]) - 1
                                                    : policy.levels().size() - 1)
                                    .afterDeadline());
                    assertThat(elapsed)
                            .as("SLA time at %s", entry.stepKey().get())
                            .isGreaterThanOrEqualTo(point);
                }
            }
            seen[0] = entries.size();
        });
    }

    @Property(tries = TRIES)
    void reminders_and_re_escalations_never_exceed_their_caps(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = new Simulation(policy, starts);

        sim.play(history, report -> {});

        Map<String, List<Integer>> ordinalsByCycleAndKind = sim.stepKeys().stream()
                .map(key -> key.split("/"))
                .collect(Collectors.groupingBy(
                        k -> k[0] + "/" + k[1] + "/" + k[2],
                        Collectors.mapping(k -> Integer.parseInt(k[3]), Collectors.toList())));
        ordinalsByCycleAndKind.forEach((cycleAndKind, ordinals) -> {
            if (cycleAndKind.endsWith("/REMINDER")) {
                assertThat(ordinals)
                        .as(cycleAndKind)
                        .hasSizeLessThanOrEqualTo(policy.maxReminders())
                        .allSatisfy(n -> assertThat(n).isBetween(1, policy.maxReminders()));
            }
            if (cycleAndKind.endsWith("/RE_ESCALATION")) {
                assertThat(ordinals)
                        .as(cycleAndKind)
                        .hasSizeLessThanOrEqualTo(policy.maxReEscalations())
                        .allSatisfy(n -> assertThat(n).isBetween(1, policy.maxReEscalations()));
            }
        });
    }

    @Property(tries = TRIES)
    void a_second_run_at_the_same_instant_changes_nothing(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = new Simulation(policy, starts);
        sim.play(history, report -> {
            assertThat(report.tasksChecked())
                    .as("each task is checked once per run")
                    .isLessThanOrEqualTo(starts.size());
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

    @Property(tries = TRIES)
    void the_audit_trail_matches_the_reference_model(
            @ForAll("policies") SlaPolicy policy,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history) {
        Simulation sim = new Simulation(policy, starts);

        sim.play(history, report -> {});

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
            model.steps()
                    .forEach((key, step) -> assertThat(sim.deliveredSteps().contains(key))
                            .as("%s notified", key)
                            .isEqualTo(step.fate() == ReferenceModel.Fate.NOTIFIED));
        }
    }

    @Property(tries = TRIES)
    void after_a_re_planned_policy_change_the_audit_trail_matches_the_reference_under_the_new_policy_from_then_on(
            @ForAll("policies") SlaPolicy before,
            @ForAll("policies") SlaPolicy after,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history,
            @ForAll("histories") List<Action> historyAfter) {
        assertTheAuditMatchesTheReferenceAcrossAChange(before, after, false, starts, history, historyAfter);
    }

    @Property(tries = TRIES)
    void after_a_pinned_policy_change_the_audit_trail_matches_the_reference_keeping_the_old_policy_for_planned_cycles(
            @ForAll("policies") SlaPolicy before,
            @ForAll("policies") SlaPolicy after,
            @ForAll("starts") List<Integer> starts,
            @ForAll("histories") List<Action> history,
            @ForAll("histories") List<Action> historyAfter) {
        assertTheAuditMatchesTheReferenceAcrossAChange(before, after, true, starts, history, historyAfter);
    }

    /** Plays {@code history} under {@code before}, hands the engine {@code after} (re-planned or pinned), plays on. */
    private static void assertTheAuditMatchesTheReferenceAcrossAChange(
            SlaPolicy before,
            SlaPolicy after,
            boolean pinned,
            List<Integer> starts,
            List<Action> history,
            List<Action> historyAfter) {
        Simulation sim = new Simulation(before, starts);
        sim.play(history, report -> {});

        SlaPolicy next = pinned ? after.toBuilder().onChange(PolicyChange.PIN).build() : after;
        PolicyRegistry.Builder registry = PolicyRegistry.builder().defaultPolicy(next);
        if (pinned) {
            registry.retain(before);
        }
        sim.engine.updatePolicies(registry.build());
        sim.models.values().forEach(model -> model.policyChanged(after, pinned));
        sim.play(historyAfter, report -> {});

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
        if (pinned || before.version().equals(after.version())) {
            assertThat(sim.audit.entriesOf(AuditType.DEADLINE_CHANGED).stream()
                            .filter(e -> e.details().containsKey("fromPolicyVersion")))
                    .as("no task re-planned")
                    .isEmpty();
        }
    }

    // ---- the simulated host -------------------------------------------------------------------

    /** One history played against a real engine and, in step, against a reference model per task. */
    static final class Simulation {
        final ManualClock clock;
        final InMemoryAuditSink audit = new InMemoryAuditSink();
        final InMemoryWorkflowRepository tasks;
        final RecordingNotifier notifier = new RecordingNotifier();
        final Map<String, ReferenceModel> models = new LinkedHashMap<>();
        final DeliveryModel deliveries;
        /** Every delivery by idempotency key: the instants of the runs that sent it. */
        final Map<String, List<Instant>> deliveredAt = new LinkedHashMap<>();

        final List<String> ids = new ArrayList<>();
        /** The history as played, each run when due pinned to its instant, to replay on another host. */
        final List<Action> played = new ArrayList<>();
        /** The instant of every run, in order. */
        final List<Instant> runs = new ArrayList<>();

        final EscalationEngine engine;
        Optional<Instant> nextDueAt = Optional.empty();

        Simulation(SlaPolicy policy, List<Integer> startOffsetMinutes) {
            this(policy, startOffsetMinutes, Optional.empty());
        }

        /** A host whose engine delivers through {@code window}, or at once when empty. */
        Simulation(SlaPolicy policy, List<Integer> startOffsetMinutes, Optional<QuietHours> window) {
            this(policy, startOffsetMinutes, window, START, List.of());
        }

        /**
         * A host whose clock starts at {@code start} and whose tasks lie in {@code regions} in turn, each task
         * with its region in the attribute {@code region} and its model on that region's calendar (issue #20).
         */
        Simulation(
                SlaPolicy policy,
                List<Integer> startOffsetMinutes,
                Optional<QuietHours> window,
                Instant start,
                List<Region> regions) {
            clock = ManualClock.at(start);
            tasks = new InMemoryWorkflowRepository(clock, audit);
            deliveries = new DeliveryModel(window);
            EscalationEngine.Builder builder = EscalationEngine.builder()
                    .repository(tasks)
                    .policy(policy)
                    .notifier(n -> {
                        notifier.send(n);
                        synchronized (deliveredAt) {
                            deliveredAt
                                    .computeIfAbsent(n.idempotencyKey(), k -> new ArrayList<>())
                                    .add(clock.now());
                        }
                    })
                    .targets(TargetResolver.roles(EngineFixture.ORG_CHART));
            window.ifPresent(builder::deliveryWindow);
            engine = builder.build();
            for (int offset : startOffsetMinutes) {
                String id = "T" + ids.size();
                Instant slaStart = start.minus(Duration.ofMinutes(offset));
                Optional<Region> region =
                        regions.isEmpty() ? Optional.empty() : Optional.of(regions.get(ids.size() % regions.size()));
                tasks.open(NewTask.of(id, "purchase-order", "Manager Approval", "alice", slaStart)
                        .withAttributes(
                                region.map(r -> Map.of("region", r.name())).orElse(Map.of())));
                ReferenceModel model = new ReferenceModel(id, policy);
                region.ifPresent(r -> model.onCalendar(r.zone(), r.holidays()));
                model.opened(slaStart);
                models.put(id, model);
                ids.add(id);
            }
        }

        void play(List<Action> history, Consumer<RunReport> afterRun) {
            for (Action action : history) {
                action.apply(this, afterRun);
                played.add(action instanceof RunWhenDue ? new RunAt(clock.now()) : action);
            }
        }

        RunReport run() {
            RunReport report = engine.runOnce();
            nextDueAt = report.nextDueAt();
            models.values().forEach(model -> model.ran(clock.now()));
            tasks.outbox().stream()
                    .map(OutboxEntry::notification)
                    .filter(n -> !deliveries.follows(n.idempotencyKey()))
                    .forEach(deliveries::queued);
            deliveries.ran(clock.now());
            runs.add(clock.now());
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

        /** Every step key in the audit trail, applied or skipped, once per step an entry records (a skipped range holds several). */
        List<String> stepKeys() {
            return audit.entries().stream()
                    .filter(e -> ReferenceModel.fateOf(e).isPresent())
                    .flatMap(e -> ReferenceModel.stepKeysOf(e).stream())
                    .toList();
        }

        /** The task's steps as the audit trail tells them: fate and instant by step key. */
        Map<String, ReferenceModel.Happened> happened(String taskId) {
            return ReferenceModel.stepsIn(audit.entriesFor(taskId)).getOrDefault(taskId, Map.of());
        }

        List<String> deliveredSteps() {
            return notifier.delivered().stream()
                    .map(Notification::idempotencyKey)
                    .map(key -> key.substring(0, key.lastIndexOf('/')))
                    .toList();
        }
    }

    /** A region a task may lie in: its name (the task's {@code region}), and its all-day calendar's zone and holidays. */
    record Region(String name, java.time.ZoneId zone, java.util.Set<java.time.LocalDate> holidays) {}

    /** One thing that happens in a history. */
    sealed interface Action {
        void apply(Simulation sim, Consumer<RunReport> afterRun);
    }

    record AdvanceAndRun(int minutes) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            sim.clock.advance(Duration.ofMinutes(minutes));
            afterRun.accept(sim.run());
        }
    }

    /** Runs exactly when the last run said the next work falls due, so runs land on step instants. */
    record RunWhenDue() implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            Instant now = sim.clock.now();
            sim.clock.set(sim.nextDueAt.filter(at -> at.isAfter(now)).orElse(now.plus(Duration.ofMinutes(1))));
            afterRun.accept(sim.run());
        }
    }

    /** Runs at a given instant: a {@link RunWhenDue} as one host played it, replayed on another. */
    record RunAt(Instant at) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            sim.clock.set(at);
            afterRun.accept(sim.run());
        }
    }

    record RunAgain() implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            afterRun.accept(sim.run());
        }
    }

    record Complete(int task) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            String id = sim.id(task);
            if (sim.status(id).isActive()) {
                sim.tasks.complete(id);
                sim.models.get(id).finished(sim.clock.now());
                sim.deliveries.finished(id);
            }
        }
    }

    record Hold(int task) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            String id = sim.id(task);
            if (sim.status(id) == TaskStatus.OPEN) {
                sim.tasks.hold(id);
                sim.models.get(id).held(sim.clock.now());
            }
        }
    }

    record Resume(int task) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            String id = sim.id(task);
            if (sim.status(id) == TaskStatus.ON_HOLD) {
                sim.tasks.resume(id);
                sim.models.get(id).resumed(sim.clock.now());
            }
        }
    }

    record Reassign(int task) implements Action {
        public void apply(Simulation sim, Consumer<RunReport> afterRun) {
            String id = sim.id(task);
            if (sim.status(id).isActive()) {
                sim.tasks.reassign(id, "bob");
                sim.models.get(id).reassigned(sim.clock.now());
                sim.deliveries.reassigned(id);
            }
        }
    }

    // ---- generators ---------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Integer>> starts() {
        return minutesOrWholeHours(0, 3 * 24 * 60).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    @SuppressWarnings("unchecked")
    Arbitrary<List<Action>> histories() {
        Arbitrary<Integer> task = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> minutes = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 59)),
                Tuple.of(4, minutesOrWholeHours(60, 24 * 60)),
                Tuple.of(2, minutesOrWholeHours(24 * 60, 4 * 24 * 60)));
        Arbitrary<Action> action = Arbitraries.frequencyOf(
                Tuple.of(8, minutes.map(m -> (Action) new AdvanceAndRun(m))),
                Tuple.of(6, Arbitraries.<Action>just(new RunWhenDue())),
                Tuple.of(1, Arbitraries.<Action>just(new RunAgain())),
                Tuple.of(1, task.map(i -> (Action) new Complete(i))),
                Tuple.of(2, task.map(i -> (Action) new Hold(i))),
                Tuple.of(2, task.map(i -> (Action) new Resume(i))),
                Tuple.of(1, task.map(i -> (Action) new Reassign(i))));
        return action.list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<SlaPolicy> policies() {
        Arbitrary<Integer> slaMinutes = minutesOrWholeHours(30, 72 * 60);
        Arbitrary<Integer> warningMode = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> warningShare = Arbitraries.integers().between(1, 99);
        Arbitrary<Integer> remindEvery = minutesOrWholeHours(10, 12 * 60).injectNull(0.4);
        Arbitrary<Integer> maxReminders = Arbitraries.integers().between(0, 4).injectNull(0.3);
        Arbitrary<List<Integer>> levelDelays =
                Arbitraries.integers().between(-1, 24 * 60).list().ofMinSize(0).ofMaxSize(3);
        Arbitrary<Integer> reEscalateEvery = minutesOrWholeHours(30, 48 * 60);
        Arbitrary<Integer> maxReEscalations =
                Arbitraries.integers().between(0, 3).injectNull(0.4);
        return Combinators.combine(
                        slaMinutes,
                        warningMode,
                        warningShare,
                        remindEvery,
                        maxReminders,
                        levelDelays,
                        reEscalateEvery,
                        maxReEscalations)
                .as(EscalationPropertiesTest::policyOrNull)
                .filter(Objects::nonNull);
    }

    /** Minutes in a range, half of the time whole hours, so that runs often land exactly on a step's instant. */
    private static Arbitrary<Integer> minutesOrWholeHours(int min, int max) {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(min, max),
                Arbitraries.integers().between((min + 59) / 60, max / 60).map(hours -> hours * 60));
    }

    /** The policy these settings describe, or null when the builder rightly rejects them (a default warning longer than the SLA). */
    private static SlaPolicy policyOrNull(
            int slaMinutes,
            int warningMode,
            int warningShare,
            Integer remindEvery,
            Integer maxReminders,
            List<Integer> levelDelays,
            int reEscalateEvery,
            Integer maxReEscalations) {
        SlaPolicy.Builder b = SlaPolicy.builder("generated")
                .sla(Duration.ofMinutes(slaMinutes))
                .reEscalateEvery(Duration.ofMinutes(reEscalateEvery));
        switch (warningMode) {
            case 1 -> b.warnBefore(Duration.ofMinutes(Math.max(1, slaMinutes * warningShare / 100)));
            case 2 -> b.warnAt(warningShare / 100.0);
            case 3 -> b.noWarning();
            // Several thresholds (issue 20): fractions and windows mixed, so their order depends on the SLA.
            case 4 ->
                b.warnings(List.of(
                        WarningThreshold.of(Warning.at(warningShare / 100.0)),
                        WarningThreshold.of(Warning.before(
                                Duration.ofMinutes(Math.max(1, slaMinutes * (100 - warningShare) / 300)))),
                        WarningThreshold.of(Warning.at(Math.max(1, warningShare / 2) / 100.0))));
            case 5 ->
                b.warnings(List.of(
                        WarningThreshold.of(Warning.at(0.5)),
                        WarningThreshold.of(Warning.at(0.75)),
                        WarningThreshold.of(Warning.at(0.9))));
            default -> {}
        }
        if (remindEvery != null) {
            b.remindEvery(Duration.ofMinutes(remindEvery));
            if (maxReminders != null) {
                b.maxReminders(maxReminders);
            }
        }
        if (levelDelays.isEmpty()) {
            b.escalationEnabled(false);
        }
        Duration previous = null;
        for (int i = 0; i < levelDelays.size(); i++) {
            int delay = levelDelays.get(i);
            if (delay < 0) {
                b.escalateTo(CHAIN.get(i));
                previous = previous == null ? Duration.ZERO : previous.plus(Duration.ofMinutes(reEscalateEvery));
            } else {
                Duration after = previous == null
                        ? Duration.ofMinutes(delay)
                        : previous.plus(Duration.ofMinutes(Math.max(1, delay)));
                b.escalateTo(CHAIN.get(i), after);
                previous = after;
            }
        }
        if (maxReEscalations != null) {
            b.maxReEscalations(maxReEscalations);
        }
        try {
            return b.build();
        } catch (InvalidPolicyException e) {
            return null;
        }
    }
}
