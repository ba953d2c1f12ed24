package dev.escalation.core;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.notification.DeliveryWindow;
import dev.escalation.core.notification.LoggingNotifier;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.operations.AuditQuery;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.operations.Page;
import dev.escalation.core.operations.TaskTimeline;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.preview.PolicyChangePreview;
import dev.escalation.core.preview.PolicyImpact;
import dev.escalation.core.sla.SlaAssessment;
import dev.escalation.core.sla.SlaEvaluator;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.TaskNotFoundException;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Watches tasks against their SLA policies and applies due steps - warnings, reminders,
 * escalations, re-escalations - each exactly once, however often and on however many nodes
 * {@link #runOnce()} is called. Call it from your own scheduler; the engine keeps no timers.
 *
 * <pre>{@code
 * EscalationEngine engine = EscalationEngine.builder()
 *         .repository(tasks)                       // WorkflowRepository: in memory, JDBC, or your own
 *         .policies(policyRegistry)                // which SlaPolicy governs which task
 *         .notifier(mailNotifier)                  // delivers warnings, reminders, escalations
 *         .targets(orgChartResolver)               // turns "role:department_head" into a user
 *         .build();
 * scheduler.scheduleAtFixedRate(engine::runOnce, 0, 1, TimeUnit.MINUTES);
 * }</pre>
 *
 * The engine reads its time from the repository's {@link WorkflowRepository#clock() clock}, the one
 * that also times the host's changes, and leaves the audit trail to the repository, which stores
 * every step with the step. Thread-safe: concurrent {@code runOnce()} calls split or race for the
 * work, and the repository's version check makes every step happen once.
 *
 * <p>Notifications are delivered on the engine's own delivery threads (daemon threads named
 * {@code escalation-delivery-*}, made on demand and ended after a minute idle), at most
 * {@link Builder#deliveryParallelism} at once and each within {@link Builder#deliveryTimeout}, so
 * one hung recipient cannot hold a run. {@link #close()} stops them; close the engine when the host
 * shuts down.
 */
public final class EscalationEngine implements AutoCloseable {

    private volatile EngineConfig config;
    private final EscalationRun.Parts parts;
    private volatile boolean closed;

    private EscalationEngine(EngineConfig config) {
        this.config = config;
        this.parts = EscalationRun.Parts.of(config);
    }

    /**
     * Starts an engine; see {@link Builder} for what is required and the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one pass: delivers due notifications, applies every due step, and reports.
     *
     * @return what the run did, including when the next work falls due
     * @throws EscalationRunException when the repository fails; steps recorded before stand
     * @throws IllegalStateException when the engine is closed
     */
    public RunReport runOnce() {
        requireOpen();
        return new EscalationRun(config, parts, false).run();
    }

    /**
     * Runs a pass that only delivers due notifications (new ones, retries, those held by the
     * delivery window) and checks no task. {@link #runOnce()} delivers too; a host schedules
     * this separately when it wants notifications sent more often than tasks are checked.
     *
     * @return what the run did; its step counts are zero
     * @throws EscalationRunException when the repository fails; deliveries recorded before stand
     * @throws IllegalStateException when the engine is closed
     */
    public RunReport deliverOnce() {
        requireOpen();
        return new EscalationRun(config, parts, true).run();
    }

    /**
     * Hands the engine new policies, for example after an operator changed one. The next run compares
     * their {@linkplain SlaPolicy#version() versions} with those recorded on open tasks and re-plans
     * the open tasks recorded under a version the new policies no longer serve: from their original
     * SLA start, each audited once as {@link dev.escalation.core.audit.AuditType#DEADLINE_CHANGED}
     * with the old and new deadline and the reason, in batches within the run's task cap (what is
     * left continues at the next run), exactly once across nodes. A task already past its new
     * deadline lands in the state it should be in now with one notification, as in a late run; steps
     * it had stay had. A task whose policy is no longer served at all is reported as
     * {@link TaskFailure.Kind#NO_POLICY} and audited once. A policy that
     * {@linkplain dev.escalation.core.policy.PolicyChange#PIN pins} keeps open tasks on the versions
     * the resolver still serves. An engine compares at its first run too, so restarting every node
     * with new policies re-plans as well. See docs/changing-policies.md.
     *
     * @param value the new policies; the resolver should {@linkplain PolicyResolver#policies() list}
     *     them, or open tasks are re-planned only at their next check
     * @throws IllegalArgumentException when the value is null
     * @throws IllegalStateException when the engine is closed
     */
    public void updatePolicies(PolicyResolver value) {
        Require.present("policies", value);
        requireOpen();
        EngineConfig old = config;
        config = new EngineConfig(
                old.repository(),
                value,
                old.notifier(),
                old.targets(),
                old.listeners(),
                old.batchSize(),
                old.maxTasksPerRun(),
                old.retryPolicy(),
                old.claimLease(),
                old.retryDelay(),
                old.tenants(),
                old.countSla(),
                old.deliveryTimeout(),
                old.deliveryParallelism(),
                old.deliveryWindow());
        parts.policyChanges().handedOver();
    }

    /**
     * Stops the engine's delivery threads, interrupting attempts still running (they stay due in
     * the outbox for another engine or a later start). Runs after this throw; closing again does
     * nothing.
     */
    @Override
    public void close() {
        closed = true;
        parts.delivery().close();
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the engine is closed; build a new one to run again");
        }
    }

    /**
     * The task measured against its policy now, or empty when no policy governs it. Changes nothing.
     *
     * @param task the task to measure
     * @return the assessment, or empty when no policy governs the task
     */
    public Optional<SlaAssessment> assess(WorkflowTask task) {
        return config.policies().policyFor(task).map(policy -> SlaEvaluator.assess(policy, task, clock().now()));
    }

    /**
     * Explains a task now: its audit history, where it stands, and every step the engine will take
     * if nobody acts, under the policy that governs it now ({@link TaskTimeline#of}). Reads the task
     * and its audit trail through the repository's {@link OperatorQueries}; changes nothing.
     *
     * <pre>{@code
     * System.out.println(engine.explain("PO-1042").text());
     * }</pre>
     *
     * @param taskId the task
     * @return its timeline
     * @throws dev.escalation.core.task.TaskNotFoundException when no such task is stored
     * @throws IllegalStateException when no policy governs the task
     * @throws UnsupportedOperationException when the repository does not offer {@link OperatorQueries}
     */
    public TaskTimeline explain(String taskId) {
        Require.text("taskId", taskId);
        if (!(config.repository() instanceof OperatorQueries queries)) {
            throw new UnsupportedOperationException("explaining a task needs a repository that offers OperatorQueries, "
                    + "but " + config.repository().getClass().getName() + " does not");
        }
        Instant now = clock().now();
        WorkflowTask task = config.repository()
                .currentTasks(new RunScope("explain", now, now, Set.of()), Set.of(taskId))
                .get(taskId);
        if (task == null) {
            throw new TaskNotFoundException(taskId);
        }
        SlaPolicy policy = config.policies()
                .policyFor(task)
                .orElseThrow(() -> new IllegalStateException("no policy governs task '" + taskId + "'"));
        List<AuditEntry> history = new ArrayList<>();
        AuditQuery query = AuditQuery.all().task(taskId).limit(AuditQuery.MAX_LIMIT);
        for (Page<AuditEntry> page = queries.auditEntries(query); ; ) {
            history.addAll(page.items());
            if (page.next().isEmpty()) {
                break;
            }
            page = queries.auditEntries(query.after(page.next().get()));
        }
        return TaskTimeline.of(policy, task, history, now);
    }

    /**
     * What replacing this engine's policies with {@code candidates} would do to the open tasks of its
     * tenants now, changing nothing: per candidate policy and stage, deadlines moved earlier or
     * later, breaches, notifications and escalations of the first run after the change. See
     * {@link PolicyChangePreview}.
     *
     * @param candidates the policies that would replace this engine's
     * @return the impact report
     * @throws IllegalArgumentException when {@code candidates} is missing
     * @throws UnsupportedOperationException when the repository cannot page through its open tasks
     */
    public PolicyImpact preview(PolicyResolver candidates) {
        return new PolicyChangePreview(
                        config.repository(),
                        config.policies(),
                        config.tenants(),
                        PolicyChangePreview.DEFAULT_PAGE_SIZE,
                        PolicyChangePreview.DEFAULT_EXAMPLES)
                .preview(candidates);
    }

    /**
     * The clock this engine reads: its repository's, the one that also times the host's changes.
     *
     * @return the repository's clock
     */
    public Clock clock() {
        return config.repository().clock();
    }

    /**
     * Builds an {@link EscalationEngine}. {@link #repository} and {@link #policies} are required;
     * every setter checks its value at once and names it when it is bad.
     */
    public static final class Builder {
        private WorkflowRepository repository;
        private PolicyResolver policies;
        private Notifier notifier = new LoggingNotifier();
        private TargetResolver targets = TargetResolver.usersOnly();
        private final List<EscalationListener> listeners = new ArrayList<>();
        private int batchSize = 500;
        private int maxTasksPerRun = 100_000;
        private NotificationRetryPolicy retryPolicy = NotificationRetryPolicy.defaults();
        private Duration claimLease = Duration.ofMinutes(5);
        private Duration retryDelay = Duration.ofMinutes(5);
        private Set<String> tenants = Set.of();
        private boolean countSla = true;
        private Duration deliveryTimeout = Duration.ofSeconds(30);
        private int deliveryParallelism = 8;
        private DeliveryWindow deliveryWindow = DeliveryWindow.always();

        private Builder() {}

        /**
         * Required: where tasks are read and steps recorded.
         *
         * @param value the repository
         * @return this builder
         */
        public Builder repository(WorkflowRepository value) {
            this.repository = Require.present("repository", value);
            return this;
        }

        /**
         * Required: which policy governs which task.
         *
         * @param value the policy resolver, for example a {@link dev.escalation.core.policy.PolicyRegistry}
         * @return this builder
         */
        public Builder policies(PolicyResolver value) {
            this.policies = Require.present("policies", value);
            return this;
        }

        /**
         * A single policy for every task.
         *
         * @param value the policy for every task
         * @return this builder
         */
        public Builder policy(SlaPolicy value) {
            Require.present("policy", value);
            return policies(new PolicyResolver() {
                @Override
                public Optional<SlaPolicy> policyFor(WorkflowTask task) {
                    return Optional.of(value);
                }

                @Override
                public List<SlaPolicy> policies() {
                    return List.of(value);
                }
            });
        }

        /**
         * Delivers notifications. Default: {@link LoggingNotifier}.
         *
         * @param value the notifier
         * @return this builder
         */
        public Builder notifier(Notifier value) {
            this.notifier = Require.present("notifier", value);
            return this;
        }

        /**
         * Resolves escalation targets to users. Default: {@link TargetResolver#usersOnly()}.
         *
         * @param value the target resolver
         * @return this builder
         */
        public Builder targets(TargetResolver value) {
            this.targets = Require.present("targets", value);
            return this;
        }

        /**
         * Adds a listener; exceptions it throws are logged and ignored.
         *
         * @param value the listener to add
         * @return this builder
         */
        public Builder listener(EscalationListener value) {
            listeners.add(Require.present("listener", value));
            return this;
        }

        /**
         * Tasks claimed and recorded per repository round trip. Default 500.
         *
         * @param value tasks per round trip
         * @return this builder
         */
        public Builder batchSize(int value) {
            this.batchSize = Require.positive("batchSize", value);
            return this;
        }

        /**
         * At most this many tasks per run; the rest wait for the next run. Default 100,000.
         *
         * @param value the most tasks one run handles
         * @return this builder
         */
        public Builder maxTasksPerRun(int value) {
            this.maxTasksPerRun = Require.positive("maxTasksPerRun", value);
            return this;
        }

        /**
         * How failed notifications are retried. Default {@link NotificationRetryPolicy#defaults()}.
         *
         * @param value the retry policy
         * @return this builder
         */
        public Builder notificationRetry(NotificationRetryPolicy value) {
            this.retryPolicy = Require.present("notificationRetry", value);
            return this;
        }

        /**
         * How long a claim hides a task (or a notification) from other runners: longer than a batch takes. Default 5 minutes.
         *
         * @param value how long a claim lasts
         * @return this builder
         */
        public Builder claimLease(Duration value) {
            this.claimLease = Require.positive("claimLease", value);
            return this;
        }

        /**
         * When a task without policy, with an unresolved target or a failure is checked again. Default 5 minutes.
         *
         * @param value the delay before such a task is checked again
         * @return this builder
         */
        public Builder retryDelay(Duration value) {
            this.retryDelay = Require.positive("retryDelay", value);
            return this;
        }

        /**
         * Limits this engine to tasks of these tenants. Default: all tasks.
         *
         * @param value the tenants whose tasks this engine handles
         * @return this builder
         */
        public Builder tenants(Set<String> value) {
            this.tenants = Set.copyOf(Require.present("tenants", value));
            return this;
        }

        /**
         * Whether each run asks the repository for SLA counts (open, near breach, breached). Default true.
         *
         * @param value whether runs count tasks by SLA status
         * @return this builder
         */
        public Builder countSla(boolean value) {
            this.countSla = value;
            return this;
        }

        /**
         * How long the engine waits for one delivery attempt (the notifier's call, and the
         * {@link #deliveryWindow delivery window} asked before it). An attempt without an answer by
         * then counts as a failed attempt, retried with backoff, and its thread is interrupted.
         * Must be shorter than the {@link #claimLease claim lease}. Default 30 seconds.
         *
         * @param value the longest wait for one attempt
         * @return this builder
         * @throws IllegalArgumentException when the value is null, zero or negative
         */
        public Builder deliveryTimeout(Duration value) {
            this.deliveryTimeout = Require.positive("deliveryTimeout", value);
            return this;
        }

        /**
         * How many notifications the engine delivers at once, each on its own delivery thread.
         * Default 8.
         *
         * @param value the most attempts running at once
         * @return this builder
         * @throws IllegalArgumentException when the value is not positive
         */
        public Builder deliveryParallelism(int value) {
            this.deliveryParallelism = Require.positive("deliveryParallelism", value);
            return this;
        }

        /**
         * When a notification may be delivered; asked before every attempt. A held notification is
         * not an attempt: it waits in the outbox until the window opens, audited as
         * {@link dev.escalation.core.audit.AuditType#NOTIFICATION_DEFERRED}. Default
         * {@link DeliveryWindow#always()}.
         *
         * @param value the delivery window
         * @return this builder
         * @throws IllegalArgumentException when the value is null
         */
        public Builder deliveryWindow(DeliveryWindow value) {
            this.deliveryWindow = Require.present("deliveryWindow", value);
            return this;
        }

        /**
         * Builds the engine.
         *
         * @return the engine
         * @throws IllegalStateException when the repository or the policies are missing, or the
         *     delivery timeout is not shorter than the claim lease
         */
        public EscalationEngine build() {
            if (repository == null) {
                throw new IllegalStateException("repository is required, but was not set");
            }
            if (policies == null) {
                throw new IllegalStateException("policies are required, but were not set");
            }
            if (deliveryTimeout.compareTo(claimLease) >= 0) {
                throw new IllegalStateException("deliveryTimeout must be shorter than claimLease " + claimLease
                        + ", but was " + deliveryTimeout);
            }
            return new EscalationEngine(new EngineConfig(
                    repository,
                    policies,
                    notifier,
                    targets,
                    List.copyOf(listeners),
                    batchSize,
                    maxTasksPerRun,
                    retryPolicy,
                    claimLease,
                    retryDelay,
                    tenants,
                    countSla,
                    deliveryTimeout,
                    deliveryParallelism,
                    deliveryWindow));
        }
    }
}
