package dev.escalation.core;

import dev.escalation.core.notification.Notification;
import java.time.Instant;

/**
 * Hooks into runs: the metrics module and hosts' logging use them. Every method has an empty
 * default; an exception thrown here is logged and ignored, it never disturbs a run.
 *
 * <pre>{@code
 * EscalationEngine.builder()...listener(new EscalationListener() {
 *     public void onRunFinished(RunReport report) { log.info("escalation run {}", report); }
 * })
 * }</pre>
 */
public interface EscalationListener {

    /**
     * A run started.
     *
     * @param runId the run's id, as in the logs' MDC {@code escalation.run}
     * @param at    when it started, by the engine's clock
     */
    default void onRunStarted(String runId, Instant at) {}

    /**
     * A run finished, successfully or with failed tasks (a failed repository calls {@link #onRunFailed} instead).
     *
     * @param report what the run did
     */
    default void onRunFinished(RunReport report) {}

    /**
     * The repository failed; {@link EscalationEngine#runOnce()} throws right after this.
     *
     * @param runId the run's id
     * @param at    when it failed, by the engine's clock
     * @param cause what the repository threw
     */
    default void onRunFailed(String runId, Instant at, Throwable cause) {}

    /**
     * A run applied a step to a task (once per step, on the node that won the task).
     *
     * @param step the step and the task it moved
     */
    default void onStepApplied(AppliedStep step) {}

    /**
     * A delivery attempt failed; {@code givenUp} when it was the last one.
     *
     * @param notification the notification that was not delivered
     * @param attempts     failed attempts so far, this one included
     * @param givenUp      whether no further attempt will be made
     * @param cause        what the notifier threw
     */
    default void onNotificationFailed(Notification notification, int attempts, boolean givenUp, Throwable cause) {}
}
