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

    /** Redelivery requests acted on, by id. */
    public String operatorRequest() {
        return options.qualifiedPrefix() + "operator_request";
    }

    /** Paused policies, by name. */
    public String policyPause() {
        return options.qualifiedPrefix() + "policy_pause";
    }
}
