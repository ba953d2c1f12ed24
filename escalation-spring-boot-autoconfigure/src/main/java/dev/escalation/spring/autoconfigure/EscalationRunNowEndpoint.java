package dev.escalation.spring.autoconfigure;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.RunReport;
import dev.escalation.core.operations.OperatorActions;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.time.Clock;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code escalation} endpoint with every write operation, "run now" among them
 * ({@code POST /actuator/escalation}): present when {@code escalation.endpoint.write.enabled} (or
 * {@code run-now-enabled}) is true on a node that runs the engine. A run changes tasks and sends
 * notifications, so it is not exposed by default.
 */
@Endpoint(id = "escalation")
public class EscalationRunNowEndpoint extends EscalationWriteEndpoint {

    private final EscalationRunner runner;

    /**
     * The endpoint with "run now".
     *
     * @param history the runs
     * @param health  the health verdict
     * @param engine  the engine, which explains a task
     * @param queries the store's queries
     * @param actions the store's operator actions
     * @param clock   the engine's clock
     * @param runner  what runs the engine
     */
    public EscalationRunNowEndpoint(
            RunHistory history,
            EscalationHealth health,
            EscalationEngine engine,
            OperatorQueries queries,
            OperatorActions actions,
            Clock clock,
            EscalationRunner runner) {
        super(history, health, engine, queries, actions, clock);
        this.runner = runner;
    }

    /**
     * Runs the engine once now, waiting for a scheduled run in progress first.
     *
     * @return the run's report
     */
    @WriteOperation
    public RunReport runNow() {
        return runner.runNow();
    }
}
