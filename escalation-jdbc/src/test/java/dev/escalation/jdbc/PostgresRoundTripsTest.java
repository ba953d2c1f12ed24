package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.TestDatabase;
import dev.escalation.jdbc.testing.WireCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What one run costs in round trips to PostgreSQL and in commits (each one an fsync with durable
 * commits), counted on the wire (issue #19: an idle run at most 2 ms with 1,000,000 open tasks; every
 * round trip is a wait for the server). The figures are ceilings: a change that adds a round trip to
 * every run or to every batch fails here and must say why it pays.
 */
class PostgresRoundTripsTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final Instant WARNING = START.plus(Duration.ofHours(22));
    static final int BATCH = 50;

    @RegisterExtension
    final TestDatabase db = TestDatabase.postgres();

    final ManualClock clock = ManualClock.at(START);
    final RecordingNotifier notifier = new RecordingNotifier();
    final SlaPolicy policy = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    WireCounts wire;

    @BeforeEach
    void relay() throws Exception {
        wire = WireCounts.onEmbeddedPostgres();
    }

    @AfterEach
    void closeRelay() throws Exception {
        wire.close();
    }

    @Test
    void an_idle_run_takes_one_round_trip_and_no_commit() {
        EscalationEngine engine = engine(store(b -> b), e -> e);
        openTasks(3);
        engine.runOnce();
        clock.advance(Duration.ofSeconds(10));

        WireCounts.Counts idle = measure(engine);

        // The next due instant (one SELECT, auto-commit), asked first: it lies ahead, so nothing is claimed
        // (before #19's idle work: a claim of notifications, a claim of tasks and its COMMIT as well); the counts
        // are a minute old.
        assertThat(idle.roundTrips()).as("round trips of an idle run: %s", idle).isLessThanOrEqualTo(1);
        assertThat(idle.commits()).as("commits of an idle run: %s", idle).isZero();
    }

    @Test
    void an_idle_run_on_the_one_minute_schedule_counts_in_one_more_round_trip() {
        EscalationEngine engine = engine(store(b -> b), e -> e);
        openTasks(3);
        engine.runOnce();
        clock.advance(Duration.ofMinutes(1));

        WireCounts.Counts idle = measure(engine);

        assertThat(idle.roundTrips())
                .as("round trips of a counting idle run: %s", idle)
                .isLessThanOrEqualTo(2);
        assertThat(idle.commits())
                .as("commits of a counting idle run: %s", idle)
                .isZero();
    }

    @Test
    void an_idle_run_on_the_database_clock_pays_one_round_trip_per_clock_reading() {
        EscalationEngine engine = engine(store(JdbcEscalationStore.Builder::databaseClock), e -> e.countSla(false));
        openTasks(3);
        engine.runOnce();

        WireCounts.Counts idle = measure(engine);

        // The one of an idle run (the next due instant), and two readings of the clock (the run's instant, the
        // run's duration), each one SELECT: nothing is due, so no lease check before delivering or claiming.
        assertThat(idle.roundTrips()).as("round trips of an idle run: %s", idle).isLessThanOrEqualTo(3);
        assertThat(idle.commits()).as("commits of an idle run: %s", idle).isZero();
    }

    @Test
    void two_batches_of_steps_take_one_durable_commit_each_and_a_bounded_number_of_round_trips() {
        EscalationEngine engine = engine(store(b -> b), e -> e.batchSize(BATCH));
        openTasks(2 * BATCH);
        clock.set(WARNING.minus(Duration.ofMinutes(1)));
        engine.runOnce();
        clock.set(WARNING);

        WireCounts.Counts run =
                measure(engine, report -> assertThat(report.warnings()).isEqualTo(2 * BATCH));

        // Per batch: the claim's transaction (lock, paused policies in the first one only, compare-and-swap,
        // outbox rows, audit rows, COMMIT) and its deliveries (the tasks as stored now; the outcomes' SET LOCAL,
        // UPDATE and COMMIT, that one without waiting for the disk). Around them: claimable notifications,
        // the last claim finding nothing (statement and COMMIT), the counts and the next due instant, asked at
        // the start as well (so that an idle run asks only that).
        assertThat(run.commits()).as("commits of a run of two batches: %s", run).isLessThanOrEqualTo(5);
        assertThat(run.roundTrips())
                .as("round trips of a run of two batches: %s", run)
                .isLessThanOrEqualTo(29);
    }

    private WireCounts.Counts measure(EscalationEngine engine) {
        return measure(engine, report -> assertThat(report.tasksChecked()).isZero());
    }

    private WireCounts.Counts measure(EscalationEngine engine, java.util.function.Consumer<RunReport> check) {
        WireCounts.Counts before = wire.now();
        RunReport report = engine.runOnce();
        WireCounts.Counts spent = wire.now().since(before);
        check.accept(report);
        System.out.println(spent + "\n" + wire.transcript(before));
        return spent;
    }

    private JdbcEscalationStore store;

    private JdbcEscalationStore store(UnaryOperator<JdbcEscalationStore.Builder> configure) {
        store = configure.apply(db.storeBuilder(wire.dataSource(), clock)).build();
        store.createSchema();
        return store;
    }

    private EscalationEngine engine(JdbcEscalationStore on, UnaryOperator<EscalationEngine.Builder> configure) {
        return configure
                .apply(EscalationEngine.builder()
                        .repository(on.repository())
                        .policy(policy)
                        .notifier(notifier)
                        .targets(TargetResolver.roles(Map.of("department_head", "dora"))))
                .build();
    }

    private void openTasks(int count) {
        List<NewTask> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(NewTask.of("PO-" + i, "purchase-order", "Manager Approval", "alice", START));
        }
        store.tasks().openAll(tasks);
    }
}
