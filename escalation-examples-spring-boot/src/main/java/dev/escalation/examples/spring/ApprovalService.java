package dev.escalation.examples.spring;

import dev.escalation.core.task.NewTask;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service's own table and the library's task, changed in one transaction: the starter's
 * {@link TaskStore} joins the transaction of each method.
 */
@Service
public class ApprovalService {

    static final String STAGE = "Manager Approval";

    private final JdbcTemplate jdbc;
    private final TaskStore tasks;
    private final Clock clock;

    public ApprovalService(JdbcTemplate jdbc, TaskStore tasks, Clock clock) {
        this.jdbc = jdbc;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** Records the request and starts watching its approval, or neither. */
    @Transactional
    public void open(String requestId, String requester, String approver) {
        jdbc.update(
                "INSERT INTO approval_request (id, requester, approver, status) VALUES (?, ?, ?, 'OPEN')",
                requestId,
                requester,
                approver);
        tasks.open(NewTask.of(requestId, "purchase-request", STAGE, approver, clock.now()));
    }

    /**
     * Approves the request and completes its task, or neither: the table's check refuses a requester
     * approving their own request, after the task was completed, and the rollback undoes both.
     */
    @Transactional
    public void approve(String requestId, String approvedBy) {
        tasks.complete(requestId);
        jdbc.update(
                "UPDATE approval_request SET status = 'APPROVED', approved_by = ? WHERE id = ?", approvedBy, requestId);
    }

    /** The request's status: OPEN or APPROVED. */
    @Transactional(readOnly = true)
    public String status(String requestId) {
        return jdbc.queryForObject("SELECT status FROM approval_request WHERE id = ?", String.class, requestId);
    }
}
