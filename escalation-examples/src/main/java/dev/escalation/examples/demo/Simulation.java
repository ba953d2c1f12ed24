package dev.escalation.examples.demo;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Two simulated weeks of approvals: tasks arrive, approvers act (or don't), and the engine runs
 * every 15 minutes on a {@link ManualClock}, exactly as a host's scheduler would call it.
 */
final class Simulation {

    static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    static final Duration TICK = Duration.ofMinutes(15);
    /** The host's scheduler stalls for 20 hours on day 9: the next run catches up without replaying every step. */
    static final Instant OUTAGE_START = START.plus(Duration.ofDays(8)).plus(Duration.ofHours(4));

    static final Instant OUTAGE_END = OUTAGE_START.plus(Duration.ofHours(20));

    /** What the host knows about one simulated task: when it arrives and when (if ever) its approver acts. */
    record PlannedTask(
            String id, Scenario.Stage stage, String approver, String department, Instant arrival, Instant actsAt) {}

    /** One point of the chart: SLA counts after a run. */
    record Sample(Instant at, long open, long nearBreach, long breached) {}

    /** Everything the reports need. */
    record Result(
            List<PlannedTask> planned, List<Sample> samples, List<RunReport> runs, Instant end, Duration wallTime) {}

    private final DemoOptions options;
    private final DemoBackend backend;
    private final ManualClock clock;

    Simulation(DemoOptions options, DemoBackend backend, ManualClock clock) {
        this.options = options;
        this.backend = backend;
        this.clock = clock;
    }

    Result run(EscalationEngine engine) {
        List<PlannedTask> planned = plan(new Random(options.seed()));
        PriorityQueue<PlannedTask> arrivals = new PriorityQueue<>(Comparator.comparing(PlannedTask::arrival));
        PriorityQueue<PlannedTask> actions = new PriorityQueue<>(Comparator.comparing(PlannedTask::actsAt));
        arrivals.addAll(planned);
        List<Sample> samples = new ArrayList<>();
        List<RunReport> runs = new ArrayList<>();
        Instant end = START.plus(Duration.ofDays(options.days()));
        long started = System.nanoTime();
        for (Instant now = START; !now.isAfter(end); now = now.plus(TICK)) {
            clock.set(now);
            while (!arrivals.isEmpty() && !arrivals.peek().arrival().isAfter(now)) {
                PlannedTask t = arrivals.poll();
                backend.tasks()
                        .open(NewTask.of(
                                        t.id(),
                                        t.stage().workflowType(),
                                        t.stage().name(),
                                        t.approver(),
                                        t.arrival())
                                .withAttributes(Map.of("department", t.department())));
                if (!t.actsAt().equals(Instant.MAX)) {
                    actions.add(t);
                }
            }
            while (!actions.isEmpty() && !actions.peek().actsAt().isAfter(now)) {
                backend.tasks().complete(actions.poll().id());
            }
            if (!now.isBefore(OUTAGE_START) && now.isBefore(OUTAGE_END)) {
                continue; // the scheduler is down; tasks still arrive and approvers still act
            }
            RunReport report = engine.runOnce();
            runs.add(report);
            report.slaCounts()
                    .ifPresent(
                            c -> samples.add(new Sample(report.startedAt(), c.open(), c.nearBreach(), c.breached())));
        }
        return new Result(planned, samples, runs, end, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Who gets what and how they behave: half act early, some just in time, some late, some never. */
    private List<PlannedTask> plan(Random random) {
        int totalWeight =
                Scenario.STAGES.stream().mapToInt(Scenario.Stage::weight).sum();
        long arrivalWindowMinutes =
                Math.max(1, Duration.ofDays(Math.max(1, options.days() - 3)).toMinutes());
        List<PlannedTask> tasks = new ArrayList<>();
        for (int i = 1; i <= options.tasks(); i++) {
            Scenario.Stage stage = pick(random, totalWeight);
            Instant arrival = START.plus(Duration.ofMinutes((long) (random.nextDouble() * arrivalWindowMinutes)));
            double behaviour = random.nextDouble();
            double slaFraction = behaviour < 0.50
                    ? 0.1 + 0.8 * random.nextDouble()
                    : behaviour < 0.72
                            ? 0.9 + 0.1 * random.nextDouble()
                            : behaviour < 0.90 ? 1.0 + 1.5 * random.nextDouble() : -1;
            // Approvers keep office hours too: their reaction time is measured on the stage's calendar.
            Instant actsAt = slaFraction < 0
                    ? Instant.MAX
                    : stage.policy().calendar().plus(arrival, Duration.ofMinutes((long)
                            (stage.policy().sla().toMinutes() * slaFraction)));
            String id = String.format("%s-%04d", prefix(stage), i);
            tasks.add(new PlannedTask(
                    id,
                    stage,
                    Scenario.APPROVERS.get(random.nextInt(Scenario.APPROVERS.size())),
                    Scenario.DEPARTMENTS.get(random.nextInt(Scenario.DEPARTMENTS.size())),
                    arrival,
                    actsAt));
        }
        return tasks;
    }

    private static Scenario.Stage pick(Random random, int totalWeight) {
        int ticket = random.nextInt(totalWeight);
        for (Scenario.Stage stage : Scenario.STAGES) {
            ticket -= stage.weight();
            if (ticket < 0) {
                return stage;
            }
        }
        throw new IllegalStateException("weights changed while picking");
    }

    private static String prefix(Scenario.Stage stage) {
        switch (stage.workflowType()) {
            case "purchase-order":
                return stage.name().startsWith("Finance") ? "FIN" : "PO";
            case "expense":
                return "EXP";
            default:
                return "CTR";
        }
    }
}
