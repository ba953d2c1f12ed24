package dev.escalation.micrometer;

/**
 * The names of every meter that {@link EscalationMetrics} registers, and of their tags. Names
 * follow Micrometer's conventions: lower case, dot-separated, under the one prefix
 * {@value #PREFIX}; times are in seconds. Each constant's Javadoc gives the name that Micrometer's
 * Prometheus registry renders, which is what the alert rules and the dashboard in
 * {@code docs/monitoring/} query.
 */
public final class EscalationMeterNames {

    /** The prefix of every meter name. */
    public static final String PREFIX = "escalation.";

    /** Counter of finished runs, tagged {@value #OUTCOME} = success | failure. Prometheus: {@code escalation_runs_total}. */
    public static final String RUNS = PREFIX + "runs";

    /** Counter of runs that stopped at their task cap with work left. Prometheus: {@code escalation_runs_capped_total}. */
    public static final String RUNS_CAPPED = PREFIX + "runs.capped";

    /**
     * Timer of successful runs, by {@link dev.escalation.core.RunReport#duration()}, with a percentile histogram.
     * Prometheus: {@code escalation_run_duration_seconds_bucket}, {@code _count}, {@code _sum}, {@code _max}.
     */
    public static final String RUN_DURATION = PREFIX + "run.duration";

    /** Counter of tasks evaluated. Prometheus: {@code escalation_tasks_checked_total}. */
    public static final String TASKS_CHECKED = PREFIX + "tasks.checked";

    /**
     * Counter of steps applied and notified, tagged {@value #KIND} and {@value #LEVEL} (and, when enabled,
     * {@value #STAGE} and {@value #WORKFLOW_TYPE}). Prometheus: {@code escalation_steps_total}.
     */
    public static final String STEPS = PREFIX + "steps";

    /**
     * Counter of steps superseded by a more advanced one in a late run (audited, not notified), tagged
     * {@value #KIND} (and, when enabled, {@value #STAGE} and {@value #WORKFLOW_TYPE}).
     * Prometheus: {@code escalation_steps_skipped_total}.
     */
    public static final String STEPS_SKIPPED = PREFIX + "steps.skipped";

    /** Counter of tasks found past their deadline for the first time. Prometheus: {@code escalation_sla_breaches_total}. */
    public static final String SLA_BREACHES = PREFIX + "sla.breaches";

    /**
     * Counter of notification delivery attempts, tagged {@value #OUTCOME} = delivered | failed (retried later) |
     * given_up (after the last attempt). Prometheus: {@code escalation_notifications_total}.
     */
    public static final String NOTIFICATIONS = PREFIX + "notifications";

    /**
     * Counter of delivery attempts that got no answer within the engine's delivery timeout; each is
     * also counted in {@value #NOTIFICATIONS} as failed or given_up. Prometheus:
     * {@code escalation_notifications_timeouts_total}.
     */
    public static final String NOTIFICATION_TIMEOUTS = PREFIX + "notifications.timeouts";

    /**
     * Counter of notifications held by the engine's delivery window (not attempts). Prometheus:
     * {@code escalation_notifications_deferred_total}.
     */
    public static final String NOTIFICATIONS_DEFERRED = PREFIX + "notifications.deferred";

    /**
     * Counter of tasks a run could not handle, tagged {@value #KIND} = no_policy | target_unresolved |
     * evaluation_failed. Prometheus: {@code escalation_task_failures_total}.
     */
    public static final String TASK_FAILURES = PREFIX + "task.failures";

    /** Counter of transitions that lost a race with another runner or the host. Prometheus: {@code escalation_stale_transitions_total}. */
    public static final String STALE_TRANSITIONS = PREFIX + "stale.transitions";

    /** Gauge of active tasks (open or on hold) after the last run. Prometheus: {@code escalation_tasks_open}. */
    public static final String TASKS_OPEN = PREFIX + "tasks.open";

    /** Gauge of active tasks on hold after the last run. Prometheus: {@code escalation_tasks_on_hold}. */
    public static final String TASKS_ON_HOLD = PREFIX + "tasks.on.hold";

    /** Gauge of open tasks past their warning point but before their deadline. Prometheus: {@code escalation_tasks_near_breach}. */
    public static final String TASKS_NEAR_BREACH = PREFIX + "tasks.near.breach";

    /** Gauge of open tasks past their deadline. Prometheus: {@code escalation_tasks_breached}. */
    public static final String TASKS_BREACHED = PREFIX + "tasks.breached";

    /**
     * Gauge of the instant the last successful run ended, in seconds since the epoch, by the engine's clock:
     * the dead man's switch. Prometheus: {@code escalation_last_success_timestamp_seconds}.
     */
    public static final String LAST_SUCCESS = PREFIX + "last.success.timestamp";

    /** Tag: how a run or a delivery attempt ended. */
    public static final String OUTCOME = "outcome";
    /** Tag: the kind of step (warning, reminder, escalation, re_escalation) or of task failure. */
    public static final String KIND = "kind";
    /** Tag: the escalation level after the step, {@code 0} before the first escalation. */
    public static final String LEVEL = "level";
    /** Tag, opt-in: the task's stage. */
    public static final String STAGE = "stage";
    /** Tag, opt-in: the task's workflow type. */
    public static final String WORKFLOW_TYPE = "workflow_type";
    /** The value that tag values beyond the cap collapse to. */
    public static final String OTHER = "other";

    private EscalationMeterNames() {}

    /**
     * Tag on step counters of policies with named goals: the goal the step belongs to (e.g.
     * {@code response}); absent on steps of policies without goals, whose series stay as they were.
     * Bounded: its values are the policies' goal names.
     */
    public static final String GOAL = "goal";
}
