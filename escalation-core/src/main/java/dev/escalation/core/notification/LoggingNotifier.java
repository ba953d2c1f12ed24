package dev.escalation.core.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each notification to SLF4J at INFO: a safe default and a help while wiring a host. */
public final class LoggingNotifier implements Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingNotifier.class);

    @Override
    public void send(Notification n) {
        LOG.info(
                "{} to {} for task {} ({} / {}), level {}, deadline {} [{}]: {}",
                n.type(),
                n.recipient(),
                n.taskId(),
                n.workflowType(),
                n.stage(),
                n.level(),
                n.deadline(),
                n.idempotencyKey(),
                n.message());
    }
}
