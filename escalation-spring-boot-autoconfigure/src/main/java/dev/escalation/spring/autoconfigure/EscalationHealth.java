package dev.escalation.spring.autoconfigure;

import dev.escalation.core.RunReport;
import dev.escalation.core.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether this node's engine is healthy, apart from any one Boot version's health API: down when the
 * last successful run is older than the limit (or, before the first, when none succeeded within the
 * limit of start-up), when runs failed the given number of times in a row, or when the last run gave
 * notifications up. {@link EscalationHealthIndicator} reports it to Actuator.
 */
public final class EscalationHealth {

    private final RunHistory history;
    private final Clock clock;
    private final EscalationProperties.Health limits;

    /**
     * A health check over {@code history}.
     *
     * @param history the runs of this node
     * @param clock   the engine's clock
     * @param limits  when to report down
     */
    public EscalationHealth(RunHistory history, Clock clock, EscalationProperties.Health limits) {
        this.history = history;
        this.clock = clock;
        this.limits = limits;
    }

    /**
     * The verdict now.
     *
     * @return up or down, with the reason and the figures behind it
     */
    public Verdict check() {
        RunHistory.Snapshot runs = history.snapshot();
        Instant now = clock.now();
        Map<String, Object> details = new LinkedHashMap<>();
        runs.lastSuccessAt().ifPresent(at -> details.put("lastSuccessfulRunAt", at.toString()));
        runs.lastReport().ifPresent(r -> details.put("lastRunId", r.runId()));
        details.put("failedRunsInARow", runs.failedInARow());
        runs.lastFailure().ifPresent(f -> details.put("lastFailure", f));
        Optional<RunReport> last = runs.lastReport();
        last.ifPresent(r -> details.put("notificationsGivenUp", r.notificationsGivenUp()));
        Instant since = runs.lastSuccessAt().orElse(runs.startedAt());
        Duration age = Duration.between(since, now);
        if (age.compareTo(limits.maxRunAge()) > 0) {
            return new Verdict(
                    false,
                    runs.lastSuccessAt().isPresent()
                            ? "the last successful run ended " + age + " ago, longer than " + limits.maxRunAge()
                            : "no run succeeded in the " + age + " since start-up, longer than " + limits.maxRunAge(),
                    details);
        }
        if (runs.failedInARow() >= limits.maxFailedRuns()) {
            return new Verdict(false, runs.failedInARow() + " runs failed in a row", details);
        }
        if (last.isPresent() && last.get().notificationsGivenUp() > 0 && runs.failedInARow() == 0) {
            return new Verdict(
                    false, "the last run gave " + last.get().notificationsGivenUp() + " notifications up", details);
        }
        return new Verdict(true, "", details);
    }

    /**
     * A health verdict.
     *
     * @param up      whether the engine is healthy
     * @param reason  why it is not; empty when it is
     * @param details the figures behind the verdict
     */
    public record Verdict(boolean up, String reason, Map<String, Object> details) {

        /**
         * Copies the details.
         *
         * @param up      whether the engine is healthy
         * @param reason  why it is not; empty when it is
         * @param details the figures behind the verdict
         */
        public Verdict {
            details = Map.copyOf(details);
        }
    }
}
