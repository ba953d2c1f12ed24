package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.task.Hold;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.testing.Scopes;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two nodes share one database, the "fast" node's own clock 5 minutes or 2 hours ahead of the
 * "slow" node's (which runs on the database's time). On the database clock (the default) both
 * stores read the server's time, so the nodes' clocks do not matter: a lease holds, a hold lasts
 * and a warning waits as on one machine. On node clocks, a skew past the tolerance is measured and
 * reported.
 *
 * <p>The database's time is real time, so these tests assert what must not have happened yet
 * (a warning two minutes away) and agreements within a minute, never an exact instant.
 */
abstract class ClockAcrossNodesTest {

    static final Duration LEASE = Duration.ofMinutes(1);

    final RecordingNotifier notifier = new RecordingNotifier();

    abstract TestDatabase db();

    DataSource pool;
    ManualClock slow;
    ManualClock fast;

    /** The slow node at the database's time, the fast one {@code minutes} ahead of it. */
    void nodes(int minutes) {
        pool = db().pool(4);
        JdbcEscalationStore reference = db().storeBuilder(pool, ManualClock.at(Instant.EPOCH))
                .databaseClock()
                .build();
        reference.createSchema();
        Instant databaseNow = reference.repository().clock().now();
        slow = ManualClock.at(databaseNow);
        fast = ManualClock.at(databaseNow.plus(Duration.ofMinutes(minutes)));
    }

    /** A node's store on the database clock: the node's own clock is handed over and not read. */
    JdbcEscalationStore onDatabaseClock(ManualClock node) {
        return db().storeBuilder(pool, node).databaseClock().build();
    }

    @ParameterizedTest(name = "{0} minutes apart")
    @ValueSource(ints = {5, 120})
    void stores_on_nodes_whose_clocks_are_apart_read_one_clock(int minutes) {
        nodes(minutes);

        Instant slowNow = onDatabaseClock(slow).repository().clock().now();
        Instant fastNow = onDatabaseClock(fast).repository().clock().now();

        assertThat(fastNow).isCloseTo(slowNow, within(1, ChronoUnit.MINUTES));
    }

    @ParameterizedTest(name = "{0} minutes apart")
    @ValueSource(ints = {5, 120})
    void a_node_ahead_by_more_than_the_lease_does_not_claim_a_task_another_node_holds(int minutes) {
        nodes(minutes);
        JdbcEscalationStore slowStore = onDatabaseClock(slow);
        JdbcEscalationStore fastStore = onDatabaseClock(fast);
        slowStore.tasks().open(task(slowStore));
        Instant slowNow = slowStore.repository().clock().now();
        assertThat(slowStore.repository().claimDue(Scopes.run("slow", slowNow, LEASE), 10))
                .hasSize(1);

        Instant fastNow = fastStore.repository().clock().now();
        RunScope fastRun = Scopes.run("fast", fastNow, LEASE);

        assertThat(fastStore.repository().claimDue(fastRun, 10))
                .as("claims of the node %s minutes ahead, while the slow node's lease lasts", minutes)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} minutes apart")
    @ValueSource(ints = {5, 120})
    void a_task_held_on_the_fast_node_and_resumed_on_the_slow_one_is_not_warned_before_its_warning_point(int minutes) {
        nodes(minutes);
        JdbcEscalationStore slowStore = onDatabaseClock(slow);
        JdbcEscalationStore fastStore = onDatabaseClock(fast);
        SlaPolicy policy = SlaPolicy.builder("Manager Approval")
                .sla(Duration.ofHours(1))
                .warnBefore(Duration.ofMinutes(58)) // the warning point: two minutes after the start
                .escalateTo(EscalationTarget.user("dora"))
                .build();
        EscalationEngine fastEngine = EscalationEngine.builder()
                .repository(fastStore.repository())
                .policy(policy)
                .notifier(notifier)
                .build();
        slowStore.tasks().open(task(slowStore));
        fastStore.tasks().hold("PO-1");

        WorkflowTask resumed = slowStore.tasks().resume("PO-1");

        Hold hold = resumed.holds().get(0);
        assertThat(hold.until().orElseThrow()).isAfterOrEqualTo(hold.from());
        assertThat(fastEngine.runOnce().warnings())
                .as("warnings sent by the node %s minutes ahead, two minutes before the warning point", minutes)
                .isZero();
        assertThat(notifier.delivered()).isEmpty();
    }

    @ParameterizedTest(name = "{0} minutes apart")
    @ValueSource(ints = {5, 120})
    void a_node_clock_apart_from_the_database_by_more_than_the_tolerance_is_measured(int minutes) {
        nodes(minutes);
        JdbcEscalationStore fastStore = db().storeBuilder(pool, fast)
                .clockSkewTolerance(Duration.ofSeconds(30))
                .build();
        EscalationEngine fastEngine = EscalationEngine.builder()
                .repository(fastStore.repository())
                .policy(SlaPolicy.builder("Manager Approval")
                        .sla(Duration.ofHours(4))
                        .escalateTo(EscalationTarget.user("dora"))
                        .build())
                .notifier(notifier)
                .build();

        fastEngine.runOnce();

        assertThat(fastStore.clockSkew())
                .hasValueSatisfying(skew ->
                        assertThat(skew).isBetween(Duration.ofMinutes(minutes - 1), Duration.ofMinutes(minutes)));
    }

    @Test
    void a_node_clock_within_the_tolerance_of_the_database_measures_a_small_skew() {
        nodes(0);
        JdbcEscalationStore slowStore = db().storeBuilder(pool, slow)
                .clockSkewTolerance(Duration.ofSeconds(30))
                .build();

        slowStore.repository().clock().now();

        assertThat(slowStore.clockSkew())
                .hasValueSatisfying(skew -> assertThat(skew.abs()).isLessThan(Duration.ofSeconds(30)));
    }

    @Test
    void a_store_on_the_database_clock_measures_no_skew() {
        nodes(0);
        JdbcEscalationStore store = onDatabaseClock(slow);

        store.repository().clock().now();

        assertThat(store.clockSkew()).isEmpty();
    }

    @Test
    void a_clock_skew_tolerance_that_is_not_positive_is_rejected_naming_it() {
        JdbcEscalationStore.Builder builder = JdbcEscalationStore.builder(db().dataSource());

        assertThatThrownBy(() -> builder.clockSkewTolerance(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clockSkewTolerance")
                .hasMessageContaining("PT0S");
    }

    private static NewTask task(JdbcEscalationStore store) {
        return NewTask.of(
                "PO-1",
                "purchase-order",
                "Manager Approval",
                "alice",
                store.repository().clock().now());
    }

    static final class OnPostgres extends ClockAcrossNodesTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends ClockAcrossNodesTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
