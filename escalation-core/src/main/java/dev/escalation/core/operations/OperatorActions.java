package dev.escalation.core.operations;

import java.util.List;

/**
 * What an operator can do to a running escalation, beyond the host's task changes: deliver given-up
 * notifications again and pause or resume a policy (a kill switch). Implemented by the stores
 * ({@link dev.escalation.core.memory.InMemoryWorkflowRepository}, {@code JdbcEscalationStore.operatorActions()})
 * and checked by the {@code OperatorActionsContract} of {@code escalation-testkit}.
 *
 * <p>Every action names its operator ({@link dev.escalation.core.task.InputLimits#name}) and is
 * audited with that name; bad input fails before anything is stored, naming the field and the value.
 *
 * <pre>{@code
 * Redelivery done = actions.redeliver(RedeliveryRequest.ofTask(requestId, "alice", "PO-1"));
 * actions.pausePolicy("purchase-order", "alice");
 * }</pre>
 */
public interface OperatorActions {

    /**
     * Puts the given-up notifications that the request selects back in the outbox, due at once, with
     * their idempotency keys and a new series of attempts, and audits each one
     * ({@code NOTIFICATION_REDELIVERY_REQUESTED}, with the operator and the request id), all at once.
     * A request id is acted on once: the same request again (two operators pressing the same button,
     * a retried HTTP call) changes nothing and says so ({@link Redelivery#repeated()}). A notification
     * that is no longer given up (another request put it back already) is left alone.
     *
     * @param request what to redeliver, who asks, and the request's id
     * @return the notifications put back, or that the request was acted on before
     */
    Redelivery redeliver(RedeliveryRequest request);

    /**
     * Pauses the policy with this name for every engine on this store: from the next run on, no step
     * of it fires; its tasks' SLA clocks keep running. Audited {@code POLICY_PAUSED} with the operator.
     *
     * @param policyName the policy's {@link dev.escalation.core.policy.SlaPolicy#name() name}
     * @param operator who pauses it
     * @return true if it was paused now, false if it was paused already (nothing changes then)
     * @throws IllegalArgumentException when a name is blank, too long or unstorable
     */
    boolean pausePolicy(String policyName, String operator);

    /**
     * Resumes a paused policy: its tasks are checked again and catch up like after a late run (one
     * notification for the state they should be in now, the steps they passed audited as skipped).
     * Audited {@code POLICY_RESUMED} with the operator.
     *
     * @param policyName the policy's name
     * @param operator who resumes it
     * @return true if it was resumed now, false if it was not paused (nothing changes then)
     * @throws IllegalArgumentException when a name is blank, too long or unstorable
     */
    boolean resumePolicy(String policyName, String operator);

    /**
     * The policies paused now, by name.
     *
     * @return the pauses, ordered by policy name
     */
    List<PolicyPause> pausedPolicies();
}
