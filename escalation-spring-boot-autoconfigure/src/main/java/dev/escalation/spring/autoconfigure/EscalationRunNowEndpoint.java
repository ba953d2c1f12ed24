package dev.escalation.spring.autoconfigure;

import dev.escalation.core.RunReport;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code escalation} endpoint with its write operation: run the engine now, on this node. Only
 * present when {@code escalation.endpoint.run-now-enabled} is true; a run changes tasks and sends
 * notifications, so it is not exposed by default.
 */
@Endpoint(id = "escalation")
public class EscalationRunNowEndpoint extends EscalationEndpoint {

    private final EscalationRunner runner;

    /**
     * The endpoint with "run now".
     *
     * @param history the runs
     * @param health  the health verdict
     * @param runner  what runs the engine
     */
    public EscalationRunNowEndpoint(RunHistory history, EscalationHealth health, EscalationRunner runner) {
        super(history, health);
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
