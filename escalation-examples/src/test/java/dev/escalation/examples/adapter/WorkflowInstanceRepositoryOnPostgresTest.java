package dev.escalation.examples.adapter;

/** The repository contract for the adapter on embedded PostgreSQL, where hosts' tables mostly live. */
class WorkflowInstanceRepositoryOnPostgresTest extends WorkflowInstanceRepositoryContractTest {

    @Override
    HostDatabase.Kind database() {
        return HostDatabase.Kind.POSTGRESQL;
    }
}
