package dev.escalation.core;

import dev.escalation.core.notification.DeliveryWindow;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.spi.WorkflowRepository;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Everything an engine was built with, validated by its builder. Time comes from the repository's clock. */
record EngineConfig(
        WorkflowRepository repository,
        PolicyResolver policies,
        Notifier notifier,
        TargetResolver targets,
        List<EscalationListener> listeners,
        int batchSize,
        int maxTasksPerRun,
        NotificationRetryPolicy retryPolicy,
        Duration claimLease,
        Duration retryDelay,
        Set<String> tenants,
        boolean countSla,
        Duration deliveryTimeout,
        int deliveryParallelism,
        DeliveryWindow deliveryWindow) {}
