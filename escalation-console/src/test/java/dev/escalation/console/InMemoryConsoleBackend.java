package dev.escalation.console;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.memory.InMemoryWorkflowRepository.OutboxEntry;
import dev.escalation.core.memory.InMemoryWorkflowRepository.OutboxStatus;
import dev.escalation.core.report.ComplianceReport;
import dev.escalation.core.report.ReportPeriod;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The console's port over what exists today: the in-memory repository's tasks, outbox and audit
 * trail. Redelivery here only records the request (OperationsConsoleBackend does the real one);
 * a redelivered notification leaves the given-up list. Cursors are the last row's sort key.
 */
class InMemoryConsoleBackend implements ConsoleBackend {

    private final InMemoryWorkflowRepository repository;
    private final Clock clock;
    private final Set<String> redelivered = new HashSet<>();
    final AtomicInteger redeliveries = new AtomicInteger();
    final List<String> operators = new ArrayList<>();

    InMemoryConsoleBackend(InMemoryWorkflowRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public ConsolePage<BreachedTask> breached(Optional<String> after, int limit) {
        Instant now = clock.now();
        List<BreachedTask> all = repository.tasks().stream()
                .filter(t -> t.status().isActive())
                .filter(t ->
                        t.escalation().deadline().filter(d -> !d.isAfter(now)).isPresent())
                .map(InMemoryConsoleBackend::breached)
                .sorted(Comparator.comparing(BreachedTask::deadline).thenComparing(BreachedTask::taskId))
                .filter(t -> after.isEmpty() || cursor(t).compareTo(after.get()) > 0)
                .toList();
        List<BreachedTask> page = all.subList(0, Math.min(limit, all.size()));
        return new ConsolePage<>(
                page, all.size() > limit ? Optional.of(cursor(page.get(page.size() - 1))) : Optional.empty());
    }

    private static String cursor(BreachedTask t) {
        return t.deadline() + "|" + t.taskId();
    }

    private static BreachedTask breached(WorkflowTask t) {
        return new BreachedTask(
                t.id(),
                t.workflowType(),
                t.stage(),
                t.tenant(),
                t.assignee(),
                t.escalation().deadline().orElseThrow(),
                t.escalation().level());
    }

    @Override
    public List<TimelineLine> timeline(String taskId) {
        return repository.auditTrail().entriesFor(taskId).stream()
                .map(e -> new TimelineLine(e.occurredAt(), false, describe(e)))
                .toList();
    }

    private static String describe(AuditEntry e) {
        StringBuilder what = new StringBuilder(e.type().name());
        e.toAssignee().ifPresent(to -> what.append(" to ").append(to));
        what.append(" (level ").append(e.level()).append(')');
        if (e.details().containsKey("deadline")) {
            what.append(", deadline ").append(e.details().get("deadline"));
        }
        return what.toString();
    }

    @Override
    public synchronized ConsolePage<GivenUpNotification> givenUp(Optional<String> after, int limit) {
        List<GivenUpNotification> all = repository.outbox().stream()
                .filter(o -> o.status() == OutboxStatus.GIVEN_UP)
                .filter(o -> !redelivered.contains(o.notification().idempotencyKey()))
                .map(InMemoryConsoleBackend::givenUp)
                .sorted(Comparator.comparing(GivenUpNotification::id))
                .filter(n -> after.isEmpty() || n.id().compareTo(after.get()) > 0)
                .toList();
        List<GivenUpNotification> page = all.subList(0, Math.min(limit, all.size()));
        return new ConsolePage<>(
                page, all.size() > limit ? Optional.of(page.get(page.size() - 1).id()) : Optional.empty());
    }

    private static GivenUpNotification givenUp(OutboxEntry o) {
        return new GivenUpNotification(
                o.notification().idempotencyKey(),
                o.notification().taskId(),
                o.notification().type().name(),
                o.notification().recipient(),
                o.nextAttemptAt(),
                o.attempts(),
                o.lastError());
    }

    @Override
    public synchronized Redelivery redeliver(String requestId, String notificationId, String operator) {
        boolean givenUp = repository.outbox().stream()
                .anyMatch(o -> o.status() == OutboxStatus.GIVEN_UP
                        && o.notification().idempotencyKey().equals(notificationId));
        if (!givenUp || !redelivered.add(notificationId)) {
            return new Redelivery(notificationId, false, "Notification " + notificationId + " is not given up.");
        }
        redeliveries.incrementAndGet();
        operators.add(operator);
        return new Redelivery(
                notificationId, true, "Notification " + notificationId + " is queued again, by " + operator + ".");
    }

    @Override
    public ComplianceReport compliance(Instant from, Instant to) {
        return ComplianceReport.of(repository.auditTrail().entries().iterator(), from, to, ReportPeriod.DAY);
    }
}
