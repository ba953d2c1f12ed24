package dev.escalation.examples.demo;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditSink;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.core.time.Clock;
import java.util.List;

/** Where the demo keeps its tasks and audit trail: the parts a host would wire up. */
interface DemoBackend extends AutoCloseable {

    WorkflowRepository repository();

    TaskStore tasks();

    /** What the engine writes its audit trail to. */
    AuditSink auditSink();

    /** The audit trail so far, in order. */
    List<AuditEntry> auditTrail();

    /** Every task, finished or not. */
    List<WorkflowTask> allTasks();

    /** A line for the console: what the demo runs on. */
    String description();

    @Override
    default void close() {
    }

    /** Everything in memory. */
    static DemoBackend inMemory(Clock clock) {
        InMemoryAuditSink audit = new InMemoryAuditSink();
        InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock, audit);
        return new DemoBackend() {
            @Override public WorkflowRepository repository() { return repository; }
            @Override public TaskStore tasks() { return repository; }
            @Override public AuditSink auditSink() { return audit; }
            @Override public List<AuditEntry> auditTrail() { return audit.entries(); }
            @Override public List<WorkflowTask> allTasks() { return repository.tasks(); }
            @Override public String description() { return "in-memory repository"; }
        };
    }
}
