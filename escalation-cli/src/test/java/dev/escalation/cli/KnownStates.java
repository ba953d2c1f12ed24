package dev.escalation.cli;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.RunReport;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SchemaOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A store holding tasks in known states at {@link #AS_OF}, made by the real engine on a
 * {@link ManualClock}: a 24-hour SLA that warns 2 hours before the deadline and escalates to dora at
 * it; notifications to tasks named {@code *-unreachable} fail, and are given up after 2 attempts.
 * <ul>
 *   <li>PO-1 fine (opened 3 hours before {@link #AS_OF}), ACME-1 fine in tenant acme;
 *   <li>PO-2 near breach, its warning delivered;
 *   <li>PO-3-unreachable breached and escalated, its escalation notice given up;
 *   <li>PO-4-unreachable near breach, its warning failed once and pending;
 *   <li>PO-5 on hold; PO-6 completed.
 * </ul>
 */
final class KnownStates {

    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    /** The second run's instant, when the states above hold. */
    static final Instant AS_OF = T0.plus(Duration.ofHours(23));

    static final SlaPolicy POLICY = SlaPolicy.builder("Manager Approval")
            .sla(Duration.ofHours(24))
            .warnBefore(Duration.ofHours(2))
            .escalateTo(EscalationTarget.role("department_head"))
            .build();

    final ManualClock clock = ManualClock.at(T0.minus(Duration.ofHours(2)));
    /** The ids of the two runs, the actors of their audit entries. */
    final List<String> runIds = new ArrayList<>();

    private JdbcEscalationStore store;

    private KnownStates() {}

    /** Creates the store's tables on {@code database} and fills them. */
    static KnownStates fill(DataSource database, SchemaOptions schema) {
        KnownStates states = new KnownStates();
        JdbcEscalationStore store = JdbcEscalationStore.builder(database)
                .schemaOptions(schema)
                .clock(states.clock)
                .build();
        store.createSchema();
        states.fillStore(store);
        return states;
    }

    private void fillStore(JdbcEscalationStore store) {
        this.store = store;
        TaskStore tasks = store.tasks();
        EscalationEngine engine = engine(n -> {
            if (n.taskId().endsWith("-unreachable")) {
                throw new IllegalStateException("mail server down");
            }
        });
        tasks.open(task("PO-3-unreachable", "carol", clock.now()));
        clock.set(T0);
        tasks.open(task("PO-2", "bob", T0));
        tasks.open(task("PO-5", "erin", T0));
        tasks.open(task("PO-6", "frank", T0));
        clock.set(T0.plus(Duration.ofHours(1)));
        tasks.open(task("PO-4-unreachable", "dave", clock.now()));
        tasks.hold("PO-5");
        tasks.complete("PO-6");
        clock.set(T0.plus(Duration.ofHours(20)));
        tasks.open(task("PO-1", "alice", clock.now()));
        clock.set(T0.plus(Duration.ofHours(21)));
        tasks.open(task("ACME-1", "grace", clock.now()).withTenant("acme"));
        clock.set(T0.plus(Duration.ofHours(22)));
        run(engine);
        clock.set(AS_OF);
        run(engine);
    }

    /**
     * The mail server is back: runs the engine once more at the clock's instant, delivering to
     * everyone, and returns what it delivered.
     */
    List<Notification> runWithMailUp() {
        List<Notification> delivered = new ArrayList<>();
        engine(delivered::add).runOnce();
        return delivered;
    }

    private EscalationEngine engine(Notifier notifier) {
        return EscalationEngine.builder()
                .repository(store.repository())
                .policy(POLICY)
                .targets(TargetResolver.roles(Map.of("department_head", "dora")))
                .notificationRetry(new NotificationRetryPolicy(2, Duration.ofMinutes(30), 2.0, Duration.ofHours(1)))
                .notifier(notifier)
                .build();
    }

    private void run(EscalationEngine engine) {
        RunReport report = engine.runOnce();
        runIds.add(report.runId());
    }

    private static NewTask task(String id, String assignee, Instant start) {
        return NewTask.of(id, "purchase-order", "Manager Approval", assignee, start);
    }
}
