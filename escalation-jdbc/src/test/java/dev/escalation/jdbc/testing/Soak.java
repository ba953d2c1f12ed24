package dev.escalation.jdbc.testing;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationRunException;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.RunReport;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.DuplicateTaskException;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.EscalationStoreException;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A month of a busy approval workflow in simulated time: tasks arrive every hour, the host
 * completes, holds, resumes, reassigns and re-prioritises them at random (arrivals and changes on
 * two threads of their own) while several engines run
 * once an hour, all through a {@link FaultyDataSource} that drops a share of its connections, with a
 * notifier that fails a share of its deliveries. Afterwards, with the faults off, the engines run
 * until nothing is due, and {@link StoreInvariants} says whether anything was lost or doubled.
 * Used by {@code SoakTest} (100,000 tasks over 30 days) and, larger, by {@code perf/SoakHarness}.
 */
public final class Soak {

    /** The size and the faults of one soak. */
    public record Settings(
            int tasks, int days, int engines, double notifierFailureShare, double connectionDropShare, long seed) {}

    /** What the soak did. */
    public record Outcome(
            Instant end,
            long runs,
            long failedRuns,
            long stepsApplied,
            long hostChanges,
            long hostChangesFailed,
            long deliveryFailures,
            long connectionsDropped,
            Map<String, Integer> deliveries) {

        /** The figures without the deliveries. */
        public String summary() {
            return "end=" + end + ", runs=" + runs + ", failedRuns=" + failedRuns + ", stepsApplied=" + stepsApplied
                    + ", hostChanges="
                    + hostChanges + ", hostChangesFailed=" + hostChangesFailed + ", deliveryFailures="
                    + deliveryFailures
                    + ", connectionsDropped=" + connectionsDropped + ", keysDelivered=" + deliveries.size();
        }
    }

    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    public static final NotificationRetryPolicy RETRY =
            new NotificationRetryPolicy(6, Duration.ofMinutes(5), 2.0, Duration.ofHours(1));

    /** SLA by priority, a warning, two reminders, two levels and two re-escalations. */
    public static final SlaPolicy POLICY = SlaPolicy.builder("Approval")
            .sla(Duration.ofHours(24))
            .slaForPriority("P1", Duration.ofHours(8))
            .slaForPriority("P3", Duration.ofHours(48))
            .warnBefore(Duration.ofHours(2))
            .remindEvery(Duration.ofHours(3))
            .maxReminders(2)
            .escalateTo(EscalationTarget.user("dora"))
            .escalateTo(EscalationTarget.user("dirk"), Duration.ofHours(12))
            .reEscalateEvery(Duration.ofHours(24))
            .maxReEscalations(2)
            .build();

    private static final List<String> PRIORITIES = List.of("P1", "normal", "P3");

    private final Settings settings;
    private final FaultyDataSource faulty;
    private final ManualClock clock = ManualClock.at(START);
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong deliveryFailures = new AtomicLong();
    private final List<EscalationEngine> engines = new ArrayList<>();
    private final TaskStore host;
    private final Random random;
    private final Random arrivalRandom;
    private final List<String> open = new ArrayList<>();
    private final List<String> held = new ArrayList<>();
    private long runs;
    private long failedRuns;
    private long steps;
    private final AtomicLong hostChanges = new AtomicLong();
    private final AtomicLong hostChangesFailed = new AtomicLong();

    /** A soak over the empty tables that {@code stores} builds over the data source it is given. */
    public Soak(
            Settings settings,
            DataSource dataSource,
            java.util.function.BiFunction<DataSource, ManualClock, JdbcEscalationStore> stores) {
        this.settings = settings;
        this.faulty = new FaultyDataSource(dataSource);
        this.random = new Random(settings.seed());
        this.arrivalRandom = new Random(settings.seed() + 100);
        JdbcEscalationStore hostStore = stores.apply(faulty, clock);
        hostStore.createSchema();
        this.host = hostStore.tasks();
        for (int i = 0; i < settings.engines(); i++) {
            JdbcEscalationStore store = stores.apply(faulty, clock);
            Random failures = new Random(settings.seed() + 1 + i);
            Notifier notifier = n -> {
                boolean fail;
                synchronized (failures) {
                    fail = failures.nextDouble() < settings.notifierFailureShare();
                }
                if (fail) {
                    deliveryFailures.incrementAndGet();
                    throw new IllegalStateException("mail server unavailable (simulated)");
                }
                deliveries.merge(n.idempotencyKey(), 1, Integer::sum);
            };
            engines.add(EscalationEngine.builder()
                    .repository(store.repository())
                    .policy(POLICY)
                    .notifier(notifier)
                    .notificationRetry(RETRY)
                    .batchSize(250)
                    .countSla(false)
                    .build());
        }
    }

    public ManualClock clock() {
        return clock;
    }

    /** Runs the month hour by hour, then without faults until nothing is due. */
    public Outcome run() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(settings.engines() + 2);
        try {
            faulty.dropRandomly(settings.connectionDropShare(), new Random(settings.seed() - 1));
            int hours = settings.days() * 24;
            int opened = 0;
            for (int hour = 0; hour < hours; hour++) {
                int due = (int) ((long) settings.tasks() * (hour + 1) / hours);
                List<Callable<Void>> work = engineRuns();
                List<String> arrived = new ArrayList<>();
                work.add(arrivals(opened, due, arrived));
                work.add(changes(due - opened));
                opened = due;
                for (Future<Void> f : threads.invokeAll(work)) {
                    f.get();
                }
                open.addAll(arrived);
                clock.advance(Duration.ofHours(1));
            }
            faulty.dropRandomly(0, null);
            for (int hour = 0; hour < 24 * 5; hour++) {
                for (Future<Void> f : threads.invokeAll(engineRuns())) {
                    f.get();
                }
                clock.advance(Duration.ofHours(1));
            }
            // The last run happens at the clock's instant: everything due by then has been done.
            for (EscalationEngine engine : engines) {
                steps += engine.runOnce().stepsApplied();
                runs++;
            }
            return new Outcome(
                    clock.now(),
                    runs,
                    failedRuns,
                    steps,
                    hostChanges.get(),
                    hostChangesFailed.get(),
                    deliveryFailures.get(),
                    faulty.faultsFired(),
                    deliveries);
        } finally {
            threads.shutdownNow();
        }
    }

    private List<Callable<Void>> engineRuns() {
        List<Callable<Void>> work = new ArrayList<>();
        for (EscalationEngine engine : engines) {
            work.add(() -> {
                try {
                    RunReport report = engine.runOnce();
                    synchronized (this) {
                        runs++;
                        steps += report.stepsApplied();
                    }
                } catch (EscalationRunException e) {
                    synchronized (this) {
                        runs++;
                        failedRuns++;
                    }
                }
                return null;
            });
        }
        return work;
    }

    /** This hour's arrivals, on a thread of their own. */
    private Callable<Void> arrivals(int firstNew, int endNew, List<String> opened) {
        return () -> {
            Instant now = clock.now();
            for (int i = firstNew; i < endNew; i++) {
                String id = "T-" + i;
                NewTask task = NewTask.of(
                                id,
                                "purchase-order",
                                "Approval",
                                "alice",
                                now.minus(Duration.ofMinutes(arrivalRandom.nextInt(120))))
                        .withPriority(PRIORITIES.get(arrivalRandom.nextInt(PRIORITIES.size())));
                openSurely(task);
                opened.add(id);
            }
            return null;
        };
    }

    /**
     * The host's changes to earlier tasks: as many completions as two fifths of an hour's arrivals
     * (so most tasks run through their whole escalation chain), and a quarter as many holds,
     * resumptions, reassignments and priority changes.
     */
    private Callable<Void> changes(int arrivalsPerHour) {
        return () -> {
            int completions = Math.min(open.size(), arrivalsPerHour * 2 / 5);
            for (int k = 0; k < completions; k++) {
                String id = removeRandom(open);
                change(() -> host.complete(id));
            }
            for (int k = 0; k < Math.max(1, arrivalsPerHour / 10) && !open.isEmpty(); k++) {
                double what = random.nextDouble();
                if (what < 0.3 && !held.isEmpty()) {
                    String id = removeRandom(held);
                    change(() -> host.resume(id));
                    open.add(id);
                } else if (what < 0.5) {
                    String id = removeRandom(open);
                    change(() -> host.hold(id));
                    held.add(id);
                } else if (what < 0.7) {
                    change(() -> host.reassign(pickRandom(open), "bob"));
                } else {
                    change(() ->
                            host.changePriority(pickRandom(open), PRIORITIES.get(random.nextInt(PRIORITIES.size()))));
                }
            }
            return null;
        };
    }

    /** Opens a task however often the connection drops; a duplicate means an earlier attempt committed. */
    private void openSurely(NewTask task) {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                host.open(task);
                return;
            } catch (DuplicateTaskException e) {
                return;
            } catch (EscalationStoreException e) {
                hostChangesFailed.incrementAndGet();
            }
        }
        throw new IllegalStateException("task " + task.id() + " could not be opened in 20 attempts");
    }

    private void change(Runnable change) {
        hostChanges.incrementAndGet();
        try {
            change.run();
        } catch (EscalationStoreException | IllegalStateException e) {
            // A dropped connection (the change rolled back) or a change the task's status forbids: the host moves on.
            hostChangesFailed.incrementAndGet();
        }
    }

    private String removeRandom(List<String> ids) {
        int i = random.nextInt(ids.size());
        String id = ids.get(i);
        ids.set(i, ids.get(ids.size() - 1));
        ids.remove(ids.size() - 1);
        return id;
    }

    private String pickRandom(List<String> ids) {
        return ids.get(random.nextInt(ids.size()));
    }
}
