package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.SlaCounts;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.EscalationState;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SLA counts equal a brute-force count of the stored tasks after any sequence of changes: opens
 * and imports, steps that plan warning points and deadlines, holds, resumptions, reassignments,
 * completions and cancellations, with the clock moving minutes or hours between them (so that
 * warning points and deadlines pass, and the maintained counts of PostgreSQL fold their changes
 * again and again), for every tenant and for a few tenants. Seeded, so a failure repeats.
 */
abstract class SlaCountsExactnessTest {

    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    private static final List<Optional<String>> TENANTS =
            List.of(Optional.empty(), Optional.of("acme"), Optional.of("globex"));
    private static final List<Set<String>> SCOPES = List.of(Set.of(), Set.of("acme"), Set.of("acme", "globex"));

    abstract TestDatabase db();

    private final ManualClock clock = ManualClock.at(START);
    private final List<String> ids = new ArrayList<>();
    private WorkflowRepository repository;
    private TaskStore tasks;

    @Test
    void counts_equal_a_brute_force_count_after_random_changes() {
        JdbcEscalationStore store = db().storeBuilder(db().dataSource(), clock)
                .slaCountsMaxAge(Duration.ZERO)
                .build();
        store.createSchema();
        repository = store.repository();
        tasks = store.tasks();
        Random random = new Random(19);

        for (int round = 0; round < 120; round++) {
            for (int change = 0; change < 4; change++) {
                changeOne(random);
            }
            clock.advance(Duration.ofMinutes(random.nextInt(4) == 0 ? 200 : 1 + random.nextInt(9)));
            for (Set<String> tenants : SCOPES) {
                RunScope scope =
                        new RunScope("counter", clock.now(), clock.now().plusSeconds(60), tenants);
                assertThat(repository.slaCounts(scope))
                        .as("round %d, tenants %s, at %s", round, tenants, clock.now())
                        .contains(bruteForce(scope));
            }
        }
    }

    private void changeOne(Random random) {
        int what = ids.isEmpty() ? 0 : random.nextInt(9);
        String id = ids.isEmpty() ? null : ids.get(random.nextInt(ids.size()));
        WorkflowTask task = id == null ? null : tasks.find(id).orElseThrow();
        boolean active = task != null && task.status().isActive();
        switch (what) {
            case 0 -> open(random, 1);
            case 1 -> open(random, 2 + random.nextInt(5));
            case 2, 3, 4 -> {
                if (active && !task.isOnHold()) {
                    plan(random, task);
                }
            }
            case 5 -> {
                if (active) {
                    if (task.isOnHold()) {
                        tasks.resume(id);
                    } else {
                        tasks.hold(id);
                    }
                }
            }
            case 6 -> {
                if (active) {
                    tasks.reassign(id, "bob");
                }
            }
            case 7 -> {
                if (active) {
                    tasks.complete(id);
                }
            }
            default -> {
                if (active) {
                    tasks.cancel(id);
                }
            }
        }
    }

    private void open(Random random, int count) {
        List<NewTask> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "PO-" + ids.size();
            ids.add(id);
            opened.add(new NewTask(
                    id,
                    "purchase-order",
                    "Manager Approval",
                    "alice",
                    "normal",
                    TENANTS.get(random.nextInt(TENANTS.size())),
                    clock.now().minus(Duration.ofHours(random.nextInt(48))),
                    java.util.Map.of()));
        }
        if (count == 1) {
            tasks.open(opened.get(0));
        } else {
            tasks.openAll(opened);
        }
    }

    /** A step as the engine records it: a warning point and a deadline somewhere around now, or none. */
    private void plan(Random random, WorkflowTask task) {
        Instant warningAt = clock.now().plus(Duration.ofMinutes(random.nextInt(600) - 300));
        Optional<Instant> deadline = random.nextInt(5) == 0
                ? Optional.empty()
                : Optional.of(warningAt.plus(Duration.ofMinutes(random.nextInt(240))));
        EscalationState s = task.escalation();
        EscalationState planned = new EscalationState(
                s.cycle(),
                s.warnedAt(),
                s.remindersSent(),
                s.level(),
                s.lastEscalatedAt(),
                s.reEscalations(),
                s.breachedAt(),
                Optional.of(warningAt),
                deadline,
                Optional.of(clock.now().plus(Duration.ofHours(1))),
                s.policy());
        RunScope scope = new RunScope("planner", clock.now(), clock.now().plusSeconds(60), Set.of());
        assertThat(repository.record(
                        scope,
                        List.of(new StepTransition(
                                task.id(), task.version(), task.assignee(), planned, List.of(), List.of()))))
                .containsExactly(task.id());
    }

    /** What InMemoryWorkflowRepository counts, over every task read back one by one. */
    private SlaCounts bruteForce(RunScope scope) {
        long open = 0;
        long onHold = 0;
        long near = 0;
        long breached = 0;
        for (String id : ids) {
            WorkflowTask task = tasks.find(id).orElseThrow();
            if (!task.status().isActive() || !scope.includes(task.tenant())) {
                continue;
            }
            open++;
            if (task.isOnHold()) {
                onHold++;
            } else if (task.escalation()
                    .deadline()
                    .filter(d -> !d.isAfter(scope.now()))
                    .isPresent()) {
                breached++;
            } else if (task.escalation()
                    .warningAt()
                    .filter(w -> !w.isAfter(scope.now()))
                    .isPresent()) {
                near++;
            }
        }
        return new SlaCounts(open, onHold, near, breached);
    }

    static final class OnPostgres extends SlaCountsExactnessTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends SlaCountsExactnessTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
