package dev.escalation.spring.autoconfigure;

import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.task.WorkflowTask;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.sql.Connection;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@link TaskStore} bean: inside a Spring-managed transaction ({@code @Transactional},
 * {@code TransactionTemplate}) each change runs on that transaction's connection through
 * {@link JdbcEscalationStore#tasks(Connection)}, so it commits and rolls back with the host's own
 * work; outside one it is the store's own {@link JdbcEscalationStore#tasks()}, one short transaction
 * per call.
 */
final class SpringTransactionTaskStore implements TaskStore {

    private final JdbcEscalationStore store;
    private final DataSource dataSource;

    SpringTransactionTaskStore(JdbcEscalationStore store, DataSource dataSource) {
        this.store = store;
        this.dataSource = dataSource;
    }

    @Override
    public WorkflowTask open(NewTask task) {
        return inCurrent(tasks -> tasks.open(task));
    }

    @Override
    public Optional<WorkflowTask> find(String taskId) {
        return inCurrent(tasks -> tasks.find(taskId));
    }

    @Override
    public WorkflowTask complete(String taskId) {
        return inCurrent(tasks -> tasks.complete(taskId));
    }

    @Override
    public WorkflowTask cancel(String taskId) {
        return inCurrent(tasks -> tasks.cancel(taskId));
    }

    @Override
    public WorkflowTask reassign(String taskId, String assignee) {
        return inCurrent(tasks -> tasks.reassign(taskId, assignee));
    }

    @Override
    public WorkflowTask changeStage(String taskId, String stage, String assignee, Instant enteredAt) {
        return inCurrent(tasks -> tasks.changeStage(taskId, stage, assignee, enteredAt));
    }

    @Override
    public WorkflowTask changePriority(String taskId, String priority) {
        return inCurrent(tasks -> tasks.changePriority(taskId, priority));
    }

    @Override
    public WorkflowTask hold(String taskId) {
        return inCurrent(tasks -> tasks.hold(taskId));
    }

    @Override
    public WorkflowTask resume(String taskId) {
        return inCurrent(tasks -> tasks.resume(taskId));
    }

    @Override
    public WorkflowTask acknowledge(String taskId, String who) {
        return inCurrent(tasks -> tasks.acknowledge(taskId, who));
    }

    @Override
    public WorkflowTask snooze(String taskId, Instant until, String who) {
        return inCurrent(tasks -> tasks.snooze(taskId, until, who));
    }

    private <T> T inCurrent(Function<TaskStore, T> change) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return change.apply(store.tasks());
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return change.apply(store.tasks(connection));
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
