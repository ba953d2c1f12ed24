package dev.escalation.spring.autoconfigure;

import dev.escalation.core.EscalationListener;
import dev.escalation.core.RunReport;
import dev.escalation.core.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What the health indicator and the endpoint report about this node's runs: the last report, when
 * the last run succeeded, how many failed in a row since, and whether the last run gave notifications
 * up. An {@link EscalationListener} of the engine; thread-safe.
 */
public final class RunHistory implements EscalationListener {

    private final Instant startedAt;
    private RunReport lastReport;
    private Instant lastSuccessAt;
    private Instant lastFailureAt;
    private String lastFailure;
    private int failedInARow;

    /**
     * A history that starts now on {@code clock}.
     *
     * @param clock the engine's clock
     */
    public RunHistory(Clock clock) {
        this.startedAt = clock.now();
    }

    @Override
    public synchronized void onRunFinished(RunReport report) {
        lastReport = report;
        lastSuccessAt = report.startedAt().plus(report.duration());
        failedInARow = 0;
    }

    @Override
    public synchronized void onRunFailed(String runId, Instant at, Throwable cause) {
        lastFailureAt = at;
        lastFailure = runId + ": " + cause;
        failedInARow++;
    }

    /**
     * A consistent copy of the history.
     *
     * @return the snapshot
     */
    public synchronized Snapshot snapshot() {
        return new Snapshot(
                startedAt,
                Optional.ofNullable(lastReport),
                Optional.ofNullable(lastSuccessAt),
                Optional.ofNullable(lastFailureAt),
                Optional.ofNullable(lastFailure),
                failedInARow);
    }

    /**
     * The history at one moment.
     *
     * @param startedAt     when the history started (the application's start)
     * @param lastReport    the report of the last successful run
     * @param lastSuccessAt when the last successful run ended
     * @param lastFailureAt when the last failed run started
     * @param lastFailure   the last failed run's id and cause
     * @param failedInARow  how many runs failed since the last success
     */
    public record Snapshot(
            Instant startedAt,
            Optional<RunReport> lastReport,
            Optional<Instant> lastSuccessAt,
            Optional<Instant> lastFailureAt,
            Optional<String> lastFailure,
            int failedInARow) {}
}
