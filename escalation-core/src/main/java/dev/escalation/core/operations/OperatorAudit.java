package dev.escalation.core.operations;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.audit.AuditType;
import dev.escalation.core.notification.Notification;
import dev.escalation.core.task.InputLimits;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The audit entries of operator actions, the same in every store. The operator is the entry's actor
 * and is repeated in its details.
 */
public final class OperatorAudit {

    /** The prefix of the task id under which a policy's pauses and resumptions are audited. */
    public static final String POLICY_TASK_PREFIX = "policy:";

    private OperatorAudit() {}

    /**
     * The entry of one notification put back by a redelivery request. Its id follows from the request
     * and the key, so the same request can never audit the same notification twice.
     *
     * @param request      the request
     * @param notification the notification put back
     * @param at           when, by the store's clock
     * @return the entry
     * @throws IllegalArgumentException when a value is null
     */
    public static AuditEntry redeliveryRequested(RedeliveryRequest request, Notification notification, Instant at) {
        Require.present("request", request);
        Require.present("notification", notification);
        String identity = AuditType.NOTIFICATION_REDELIVERY_REQUESTED + "|" + request.requestId() + "|"
                + notification.idempotencyKey();
        return new AuditEntry(
                UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8))
                        .toString(),
                AuditType.NOTIFICATION_REDELIVERY_REQUESTED,
                notification.taskId(),
                notification.tenant(),
                at,
                request.operator(),
                notification.level(),
                Optional.empty(),
                Optional.of(notification.recipient()),
                Optional.of(notification.idempotencyKey()),
                Map.of(
                        "operator",
                        request.operator(),
                        "request",
                        request.requestId(),
                        "type",
                        notification.type().name()));
    }

    /**
     * The entry of a policy paused or resumed, under the task id {@code policy:<name>}.
     *
     * @param type       {@link AuditType#POLICY_PAUSED} or {@link AuditType#POLICY_RESUMED}
     * @param policyName the policy
     * @param operator   who did it
     * @param at         when, by the store's clock
     * @return the entry
     * @throws IllegalArgumentException when the type is another one, or a name is blank, too long or unstorable
     */
    public static AuditEntry policy(AuditType type, String policyName, String operator, Instant at) {
        if (type != AuditType.POLICY_PAUSED && type != AuditType.POLICY_RESUMED) {
            throw new IllegalArgumentException("type must be POLICY_PAUSED or POLICY_RESUMED, but was " + type);
        }
        InputLimits.name("policyName", policyName);
        InputLimits.name("operator", operator);
        return new AuditEntry(
                AuditEntry.newId(at),
                type,
                POLICY_TASK_PREFIX + policyName,
                Optional.empty(),
                at,
                operator,
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Map.of("operator", operator, "policy", policyName));
    }
}
