package dev.escalation.core.testing;

import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.task.WorkflowTask;
import java.time.Instant;
import java.util.Optional;

/**
 * A host's {@link TaskStore} written against 1.0: it implements the methods 1.0 had and keeps the
 * defaults of every later one ({@code openAll}, {@code acknowledge}, {@code snooze}); each call it has
 * goes to the in-memory store.
 *
 * @param memory where the tasks live
 */
public record StoreOf10(InMemoryWorkflowRepository memory) implements TaskStore {
    @Override
    public WorkflowTask open(NewTask task) {
        return memory.open(task);
    }

    @Override
    public Optional<WorkflowTask> find(String taskId) {
        return memory.find(taskId);
    }

    @Override
    public WorkflowTask complete(String taskId) {
        return memory.complete(taskId);
    }

    @Override
    public WorkflowTask cancel(String taskId) {
        return memory.cancel(taskId);
    }

    @Override
    public WorkflowTask reassign(String taskId, String assignee) {
        return memory.reassign(taskId, assignee);
    }

    @Override
    public WorkflowTask changeStage(String taskId, String stage, String assignee, Instant enteredAt) {
        return memory.changeStage(taskId, stage, assignee, enteredAt);
    }

    @Override
    public WorkflowTask changePriority(String taskId, String priority) {
        return memory.changePriority(taskId, priority);
    }

    @Override
    public WorkflowTask hold(String taskId) {
        return memory.hold(taskId);
    }

    @Override
    public WorkflowTask resume(String taskId) {
        return memory.resume(taskId);
    }
}
