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

    default void onRunStarted(String runId, Instant at) {}

    default void onRunFinished(RunReport report) {}

    /** The repository failed; {@link EscalationEngine#runOnce()} throws right after this. */
    default void onRunFailed(String runId, Instant at, Throwable cause) {}

    default void onStepApplied(AppliedStep step) {}

    /** A delivery attempt failed; {@code givenUp} when it was the last one. */
    default void onNotificationFailed(Notification notification, int attempts, boolean givenUp, Throwable cause) {}
}
