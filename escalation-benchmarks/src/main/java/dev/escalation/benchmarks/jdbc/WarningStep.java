package dev.escalation.benchmarks.jdbc;

import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.policy.SlaPolicy;
import java.time.Instant;
import java.util.UUID;

/**
 * One task's warning as the baselines write it: the values its task change, its audit row and its
 * outbox row bind. The texts (step key, audit details, notification payload) have the engine's
 * shape and length, so that a baseline's rows cost what the engine's cost; the smoke test compares
 * the rows of both.
 *
 * @param taskId   the task
 * @param version  the task's version before the step
 * @param assignee who is warned
 * @param at       the run's instant: when the warning is sent
 * @param deadline the task's deadline, its next check after the warning
 * @param actor    who the audit row names: the run
 * @param entryId  the audit entry's id
 */
record WarningStep(
        String taskId, long version, String assignee, Instant at, Instant deadline, String actor, String entryId) {

    /** The workload's policy, whose id and version every step records. */
    static final SlaPolicy POLICY = JdbcWorkload.policy();

    /** The warning of a task at {@code at}, with a fresh audit entry id as the engine gives one. */
    static WarningStep of(String taskId, long version, String assignee, Instant at, Instant deadline, String actor) {
        return new WarningStep(taskId, version, assignee, at, deadline, actor, AuditEntry.newId(at));
    }

    /** A new run's actor, a random id as the engine's run id is. */
    static String newActor() {
        return UUID.randomUUID().toString();
    }

    /** The engine's step key of a first-cycle warning. */
    String stepKey() {
        return taskId + "/0/WARNING/1";
    }

    /** The engine's idempotency key of the assignee's warning. */
    String notificationKey() {
        return stepKey() + "/assignee";
    }

    /** The audit entry's details as the store writes them: a JSON object, keys in order. */
    String details() {
        return "{\"deadline\":\"" + deadline + "\",\"policy\":\"Approval\",\"policyVersion\":\"" + POLICY.version()
                + "\",\"status\":\"WARNING\"}";
    }

    /** The notification as the store writes it into the outbox. */
    String payload() {
        return "{\"idempotencyKey\":\"" + notificationKey() + "\",\"type\":\"WARNING\",\"taskId\":\"" + taskId
                + "\",\"recipient\":\"" + assignee
                + "\",\"workflowType\":\"purchase-order\",\"stage\":\"Approval\",\"level\":0,\"deadline\":\""
                + deadline + "\",\"createdAt\":\"" + at + "\",\"message\":\"Task " + taskId
                + " (Approval) is due at " + deadline + "\"}";
    }
}
