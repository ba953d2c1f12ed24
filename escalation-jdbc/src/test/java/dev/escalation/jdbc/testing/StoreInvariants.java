package dev.escalation.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.testing.ReferenceModel;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * What must hold of a JDBC store after any history of runs, host changes and faults, read straight
 * from its tables:
 * <ol>
 *   <li>each step is in the audit exactly once, and a deadline is first seen passed at most once per cycle;
 *   <li>within a cycle, each kind of step has the ordinals 1..n without a gap (late runs audit what they skip);
 *   <li>each task row equals a replay of its audit trail (status, assignee, stage, cycle, level, warning thresholds applied, reminders,
 *       re-escalations, breach);
 *   <li>each notified step has its notification in the outbox, which is delivered (the notifier saw its
 *       idempotency key) or given up after the last attempt; nothing is left pending;
 *   <li>no task is left claimed, and no open task is overdue for a check;
 *   <li>the audit's hash chains verify.
 * </ol>
 * Used by the crash and soak tests; {@link #assertStepsMatch} adds the reference model where the policy allows it.
 */
public final class StoreInvariants {

    private static final Set<String> NOTIFIED = Set.of("WARNING_SENT", "REMINDER_SENT", "ESCALATED", "RE_ESCALATED");

    private final DataSource dataSource;
    private final JdbcEscalationStore store;
    private final String tasks;
    private final String outbox;
    private final List<AuditEntry> trail;

    /** Reads the store's tables (named by {@code table}, e.g. {@code db::table}) once; the checks work on that snapshot. */
    public StoreInvariants(DataSource dataSource, JdbcEscalationStore store, Function<String, String> table) {
        this.dataSource = dataSource;
        this.store = store;
        this.tasks = table.apply("task");
        this.outbox = table.apply("outbox");
        this.trail = store.auditTrail().entries();
    }

    /** What the checked history amounted to, for reports. */
    public record Figures(
            int tasks,
            int auditEntries,
            int steps,
            int notifiedSteps,
            int outboxRows,
            int delivered,
            int givenUp,
            int withdrawn,
            long redeliveries) {}

    /**
     * Checks everything above.
     *
     * @param deliveries  how often the notifier accepted each idempotency key
     * @param now         the instant of the last run
     * @param maxAttempts the notification retry policy's attempts, after which a notification is given up
     */
    public Figures assertAll(Map<String, Integer> deliveries, Instant now, int maxAttempts) throws SQLException {
        Set<String> stepKeys = assertEachStepOnceWithoutGaps();
        Map<String, Replayed> replayed = replay();
        List<List<String>> rows = query("SELECT id, status, assignee, stage, priority, cycle, escalation_level,"
                + " warnings_sent, reminders_sent, re_escalations,"
                + " CASE WHEN breached_at IS NULL THEN 'false' ELSE 'true' END, claimed_by FROM " + tasks);
        Problems problems = new Problems();
        for (List<String> row : rows) {
            Replayed r = replayed.get(row.get(0));
            if (r == null) {
                problems.add("task " + row.get(0) + " has no audit trail");
                continue;
            }
            List<String> actual = List.of(
                    row.get(1),
                    row.get(2),
                    row.get(3),
                    row.get(5),
                    row.get(6),
                    row.get(7),
                    row.get(8),
                    row.get(9),
                    row.get(10));
            List<String> expected = List.of(
                    r.status,
                    r.assignee,
                    r.stage,
                    String.valueOf(r.cycle),
                    String.valueOf(r.level),
                    String.valueOf(r.warnings),
                    String.valueOf(r.reminders),
                    String.valueOf(r.reEscalations),
                    String.valueOf(r.breached));
            problems.check(
                    actual.equals(expected),
                    () -> "task " + row.get(0) + " is " + actual + " but its audit trail replays to " + expected);
            problems.check(
                    r.priority == null || r.priority.equals(row.get(4)),
                    () -> "task " + row.get(0) + " has priority " + row.get(4) + " but its audit trail says "
                            + r.priority);
            problems.check(row.get(11) == null, () -> "task " + row.get(0) + " is still claimed by " + row.get(11));
        }
        problems.assertNone("task rows against the replay of their audit trails");
        assertThat(overdue(now))
                .as("open tasks whose check is overdue at %s", now)
                .isEmpty();
        assertThat(rows).hasSize(replayed.size());
        Figures figures = assertNotificationsDeliveredOrGivenUp(deliveries, maxAttempts, rows.size(), stepKeys.size());
        assertThat(store.auditVerifier().verifyAll())
                .as("the audit's hash chains")
                .allSatisfy(chain ->
                        assertThat(chain.firstBreak()).as(chain.chain()).isEmpty());
        return figures;
    }

    /**
     * Compares each task's steps with the reference model fed the task's history as its audit trail
     * tells it: opened at {@code slaStarts}, held, resumed, reassigned, finished, and evaluated at each
     * instant at which the engine wrote an entry for it, and finally at {@code now}. The policy must
     * have one SLA for every priority (the model knows no priorities).
     */
    public void assertStepsMatch(Function<String, ReferenceModel> models, Map<String, Instant> slaStarts, Instant now) {
        Map<String, List<AuditEntry>> byTask = new HashMap<>();
        trail.forEach(
                e -> byTask.computeIfAbsent(e.taskId(), id -> new ArrayList<>()).add(e));
        Map<String, Map<String, ReferenceModel.Happened>> actual = ReferenceModel.stepsIn(trail);
        byTask.forEach((taskId, entries) -> {
            ReferenceModel model = models.apply(taskId);
            Instant lastRun = null;
            for (AuditEntry e : entries) {
                switch (e.type()) {
                    case TASK_OPENED -> model.opened(slaStarts.get(taskId));
                    case TASK_HELD -> model.held(e.occurredAt());
                    case TASK_RESUMED -> model.resumed(e.occurredAt());
                    case TASK_REASSIGNED, STAGE_CHANGED -> model.reassigned(e.occurredAt());
                    case TASK_COMPLETED, TASK_CANCELLED -> model.finished(e.occurredAt());
                    case TASK_ACKNOWLEDGED -> model.acknowledged(e.occurredAt());
                    case TASK_SNOOZED ->
                        model.snoozed(e.occurredAt(), Instant.parse(e.details().get("until")));
                    case PRIORITY_CHANGED,
                            TASK_SKIPPED,
                            TASK_FAILED,
                            TARGET_UNRESOLVED,
                            NOTIFICATION_GIVEN_UP,
                            NOTIFICATION_WITHDRAWN -> {}
                    default -> {
                        if (!e.occurredAt().equals(lastRun)) {
                            model.ran(e.occurredAt());
                            lastRun = e.occurredAt();
                        }
                    }
                }
            }
            model.ran(now);
            assertThat(actual.getOrDefault(taskId, Map.of()))
                    .as("the steps of task %s against the reference model", taskId)
                    .isEqualTo(model.steps());
            assertThat(entries.stream()
                            .filter(e -> e.type().name().equals("SLA_BREACHED"))
                            .count())
                    .as("breaches of task %s", taskId)
                    .isEqualTo(model.breaches());
        });
    }

    /** Every entry, in append order, as read when this snapshot was taken. */
    public List<AuditEntry> trail() {
        return trail;
    }

    private Set<String> assertEachStepOnceWithoutGaps() {
        Problems problems = new Problems();
        Set<String> keys = new HashSet<>();
        Map<String, Integer> breachesPerCycle = new HashMap<>();
        Map<String, Integer> cycles = new HashMap<>();
        Map<String, TreeMap<Integer, String>> ordinals = new HashMap<>();
        for (AuditEntry e : trail) {
            // A skipped entry stands for a range of steps; each of them counts once.
            ReferenceModel.fateOf(e)
                    .ifPresent(fate -> ReferenceModel.stepKeysOf(e).forEach(key -> {
                        problems.check(keys.add(key), () -> "step " + key + " is in the audit more than once");
                        int cut = key.lastIndexOf('/');
                        ordinals.computeIfAbsent(key.substring(0, cut), k -> new TreeMap<>())
                                .put(Integer.parseInt(key.substring(cut + 1)), key);
                    }));
            switch (e.type()) {
                case TASK_REASSIGNED, STAGE_CHANGED -> cycles.merge(e.taskId(), 1, Integer::sum);
                case SLA_BREACHED -> {
                    String cycle = e.taskId() + "/" + cycles.getOrDefault(e.taskId(), 0);
                    problems.check(
                            breachesPerCycle.merge(cycle, 1, Integer::sum) == 1,
                            () -> "cycle " + cycle + " breached more than once");
                }
                default -> {}
            }
        }
        ordinals.forEach((stem, byOrdinal) -> problems.check(
                byOrdinal.lastKey() == byOrdinal.size(),
                () -> "steps of " + stem + " have a gap: " + byOrdinal.keySet()));
        problems.assertNone("steps in the audit");
        return keys;
    }

    private Map<String, Replayed> replay() {
        Map<String, Replayed> replayed = new HashMap<>();
        for (AuditEntry e : trail) {
            Replayed r = replayed.computeIfAbsent(e.taskId(), id -> new Replayed());
            String step = e.stepKey().orElse("");
            switch (e.type()) {
                case TASK_OPENED -> {
                    r.status = "OPEN";
                    r.assignee = e.toAssignee().orElseThrow();
                    r.stage = e.details().get("stage");
                }
                case TASK_COMPLETED -> r.status = "COMPLETED";
                case TASK_CANCELLED -> r.status = "CANCELLED";
                case TASK_HELD -> r.status = "ON_HOLD";
                case TASK_RESUMED -> r.status = "OPEN";
                case TASK_REASSIGNED, STAGE_CHANGED -> {
                    r.restart(e.toAssignee().orElseThrow());
                    r.stage = e.details().getOrDefault("toStage", r.stage);
                }
                case PRIORITY_CHANGED -> r.priority = e.details().get("toPriority");
                case WARNING_SENT -> r.warnings = Math.max(r.warnings, ordinal(step));
                case REMINDER_SENT -> r.reminders = Math.max(r.reminders, ordinal(step));
                case ESCALATED -> {
                    r.level = e.level();
                    r.assignee = e.toAssignee().orElseThrow();
                }
                case RE_ESCALATED -> r.reEscalations = Math.max(r.reEscalations, ordinal(step));
                case SLA_BREACHED -> r.breached = true;
                case STEP_SKIPPED -> {
                    if (step.contains("/WARNING/")) {
                        r.warnings = Math.max(r.warnings, ordinal(step));
                    } else if (step.contains("/REMINDER/")) {
                        r.reminders = Math.max(r.reminders, ordinal(step));
                    } else if (step.contains("/RE_ESCALATION/")) {
                        r.reEscalations = Math.max(r.reEscalations, ordinal(step));
                    }
                }
                default -> {}
            }
        }
        return replayed;
    }

    private Figures assertNotificationsDeliveredOrGivenUp(
            Map<String, Integer> deliveries, int maxAttempts, int taskCount, int steps) throws SQLException {
        Problems problems = new Problems();
        Map<String, String> statuses = new HashMap<>();
        Set<String> withdrawnKeys = new HashSet<>();
        trail.stream()
                .filter(e -> e.type().name().equals("NOTIFICATION_WITHDRAWN"))
                .forEach(e -> withdrawnKeys.add(e.stepKey().orElseThrow()));
        for (List<String> row : query("SELECT idempotency_key, status, attempts FROM " + outbox)) {
            String key = row.get(0);
            statuses.put(key, row.get(1));
            switch (row.get(1)) {
                case "DELIVERED" ->
                    problems.check(
                            deliveries.getOrDefault(key, 0) > 0,
                            () -> key + " is DELIVERED but the notifier never saw it");
                case "GIVEN_UP" ->
                    problems.check(
                            Integer.parseInt(row.get(2)) == maxAttempts,
                            () -> key + " was given up after " + row.get(2) + " attempts, not " + maxAttempts);
                case "WITHDRAWN" ->
                    problems.check(
                            withdrawnKeys.contains(key), () -> key + " is WITHDRAWN but no audit entry says why");
                default -> problems.add(key + " is still " + row.get(1));
            }
        }
        for (String key : deliveries.keySet()) {
            problems.check(statuses.containsKey(key), () -> "the notifier saw " + key + ", which is no outbox key");
        }
        int notified = 0;
        for (AuditEntry e : trail) {
            if (NOTIFIED.contains(e.type().name())) {
                notified++;
                String key = e.stepKey().orElseThrow()
                        + (e.type().name().equals("ESCALATED") ? "/new-assignee" : "/assignee");
                problems.check(
                        statuses.containsKey(key),
                        () -> "notified step " + e.stepKey().orElseThrow() + " has no outbox row " + key);
            }
        }
        problems.assertNone("notifications");
        long redeliveries =
                deliveries.values().stream().mapToLong(count -> count - 1).sum();
        int delivered =
                (int) statuses.values().stream().filter("DELIVERED"::equals).count();
        int withdrawn =
                (int) statuses.values().stream().filter("WITHDRAWN"::equals).count();
        return new Figures(
                taskCount,
                trail.size(),
                steps,
                notified,
                statuses.size(),
                delivered,
                statuses.size() - delivered - withdrawn,
                withdrawn,
                redeliveries);
    }

    private static int ordinal(String stepKey) {
        return Integer.parseInt(stepKey.substring(stepKey.lastIndexOf('/') + 1));
    }

    private List<String> overdue(Instant now) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id FROM " + tasks + " WHERE next_check_at <= ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private List<List<String>> query(String sql) throws SQLException {
        return TestDatabase.query(dataSource, sql);
    }

    /** Problems found, collected so that a check over a million rows costs no assertion per row; reports the first 20. */
    private static final class Problems {
        private final List<String> found = new ArrayList<>();
        private int count;

        void check(boolean ok, java.util.function.Supplier<String> problem) {
            if (!ok) {
                add(problem.get());
            }
        }

        void add(String problem) {
            if (count++ < 20) {
                found.add(problem);
            }
        }

        void assertNone(String what) {
            assertThat(found).as("%s: %d problems, the first ones", what, count).isEmpty();
        }
    }

    /** A task as its audit trail tells it. */
    private static final class Replayed {
        String status;
        String assignee;
        String stage;
        String priority;
        int cycle;
        int level;
        /** Warning thresholds applied, sent or skipped (issue #20: a policy may have several). */
        int warnings;

        int reminders;
        int reEscalations;
        boolean breached;

        void restart(String newAssignee) {
            status = "OPEN";
            assignee = newAssignee;
            cycle++;
            level = 0;
            warnings = 0;
            reminders = 0;
            reEscalations = 0;
            breached = false;
        }
    }
}
