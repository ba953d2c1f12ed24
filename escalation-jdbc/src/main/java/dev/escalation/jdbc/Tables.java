package dev.escalation.jdbc;

/**
 * The library's table names, built only from validated {@link SchemaOptions}: the one way an
 * identifier gets into SQL text.
 */
record Tables(SchemaOptions options) {

    public String task() {
        return options.qualifiedPrefix() + "task";
    }

    public String audit() {
        return options.qualifiedPrefix() + "audit";
    }

    /** The head and anchor of each audit hash chain. */
    public String auditChain() {
        return options.qualifiedPrefix() + "audit_chain";
    }

    public String outbox() {
        return options.qualifiedPrefix() + "outbox";
    }

    /** SLA counts per tenant as of one instant (schema V5). */
    public String taskCount() {
        return options.qualifiedPrefix() + "task_count";
    }

    /** Changes of active tasks since the SLA counts' instant, written by triggers (schema V5). */
    public String taskCountChange() {
        return options.qualifiedPrefix() + "task_count_change";
    }

    /** Redelivery requests acted on, by id. */
    public String operatorRequest() {
        return options.qualifiedPrefix() + "operator_request";
    }

    /** Paused policies, by name. */
    public String policyPause() {
        return options.qualifiedPrefix() + "policy_pause";
    }
}
