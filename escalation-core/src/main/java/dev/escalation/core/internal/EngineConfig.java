package dev.escalation.core.internal;

import dev.escalation.core.EscalationListener;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.audit.AuditSink;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Everything an engine was built with, validated by its builder. Internal: may change at any time. */
public record EngineConfig(
        WorkflowRepository repository,
        PolicyResolver policies,
        Notifier notifier,
        AuditSink auditSink,
        Clock clock,
        TargetResolver targets,
        List<EscalationListener> listeners,
        int batchSize,
        int maxTasksPerRun,
        NotificationRetryPolicy retryPolicy,
        Duration claimLease,
        Duration retryDelay,
        Set<String> tenants,
        boolean countSla) {}
