package dev.escalation.spring.autoconfigure;

import dev.escalation.core.RunReport;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * Actuator's {@code escalation} endpoint, read-only: this node's last run report, its SLA counts, when
 * the last run succeeded and how many failed since. {@link EscalationRunNowEndpoint} adds the write
 * operation when {@code escalation.endpoint.run-now-enabled} is true. Operations over many tasks
 * (breached tasks paged, a task's timeline, redelivery) join as further operations here.
 */
@Endpoint(id = "escalation")
public class EscalationEndpoint {

    private final RunHistory history;
    private final EscalationHealth health;

    /**
     * The endpoint over this node's runs.
     *
     * @param history the runs
     * @param health  the health verdict, reported beside them
     */
    public EscalationEndpoint(RunHistory history, EscalationHealth health) {
        this.history = history;
        this.health = health;
    }

    /**
     * The state of this node's runs.
     *
     * @return the last run report, SLA counts, health and failure figures
     */
    @ReadOperation
    public Map<String, Object> status() {
        RunHistory.Snapshot runs = history.snapshot();
        Map<String, Object> status = new LinkedHashMap<>();
        EscalationHealth.Verdict verdict = health.check();
        status.put("healthy", verdict.up());
        if (!verdict.up()) {
            status.put("reason", verdict.reason());
        }
        runs.lastSuccessAt().ifPresent(at -> status.put("lastSuccessfulRunAt", at.toString()));
        status.put("failedRunsInARow", runs.failedInARow());
        runs.lastFailure().ifPresent(f -> status.put("lastFailure", f));
        runs.lastReport().flatMap(RunReport::slaCounts).ifPresent(c -> status.put("slaCounts", c));
        runs.lastReport().ifPresent(r -> status.put("lastRun", r));
        return status;
    }
}
