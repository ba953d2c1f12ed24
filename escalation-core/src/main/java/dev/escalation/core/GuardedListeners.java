package dev.escalation.core;

import dev.escalation.core.notification.Notification;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to the host's listeners; a listener that throws is logged (its exception passed
 * through the run's {@link Redaction}) and otherwise ignored, so host code can never break a run.
 * Internal: may change at any time.
 */
final class GuardedListeners implements EscalationListener {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedListeners.class);

    private final List<EscalationListener> listeners;
    private final Redaction redaction;

    GuardedListeners(List<EscalationListener> listeners) {
        this(List.copyOf(listeners), Redaction.collecting());
    }

    private GuardedListeners(List<EscalationListener> listeners, Redaction redaction) {
        this.listeners = listeners;
        this.redaction = redaction;
    }

    /** The same listeners, logging their failures through {@code redaction} (a run's). */
    GuardedListeners redacting(Redaction redaction) {
        return new GuardedListeners(listeners, redaction);
    }

    @Override
    public void onRunStarted(String runId, Instant at) {
        each(l -> l.onRunStarted(runId, at));
    }

    @Override
    public void onRunFinished(RunReport report) {
        each(l -> l.onRunFinished(report));
    }

    @Override
    public void onRunFailed(String runId, Instant at, Throwable cause) {
        each(l -> l.onRunFailed(runId, at, cause));
    }

    @Override
    public void onStepApplied(AppliedStep step) {
        each(l -> l.onStepApplied(step));
    }

    @Override
    public void onNotificationFailed(Notification notification, int attempts, boolean givenUp, Throwable cause) {
        each(l -> l.onNotificationFailed(notification, attempts, givenUp, cause));
    }

    private void each(Consumer<EscalationListener> event) {
        for (EscalationListener listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("escalation listener {} failed; ignoring it", listener, redaction.scrub(e));
            }
        }
    }
}
