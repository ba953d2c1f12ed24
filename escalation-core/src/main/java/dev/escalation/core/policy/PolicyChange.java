package dev.escalation.core.policy;

/**
 * What a new version of a policy does to the open tasks planned under an older one.
 *
 * @see SlaPolicy#onChange()
 */
public enum PolicyChange {
    /**
     * The default: open tasks are re-planned from their original SLA start under the new version,
     * audited once each as {@link dev.escalation.core.audit.AuditType#DEADLINE_CHANGED}.
     */
    REPLAN,
    /**
     * Open tasks keep the version they were planned under, when the resolver still holds it (a
     * {@link PolicyRegistry} with the older version {@linkplain PolicyRegistry.Builder#retain retained});
     * only new tasks get the new version.
     */
    PIN
}
