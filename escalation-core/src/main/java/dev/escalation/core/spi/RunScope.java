package dev.escalation.core.spi;

import dev.escalation.core.Require;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking and when: the one run of one engine that makes a {@link WorkflowRepository} call. Every
 * call of a run carries the same scope, so a repository needs no clock of its own for the engine's
 * work: {@link #now()} is the instant the run read from the clock when it started, and every
 * decision of the run (what is due, when claims expire, when an outbox row was written) uses it.
 *
 * <pre>{@code
 * RunScope scope = new RunScope("run-1", clock.now(), clock.now().plus(Duration.ofMinutes(5)), Set.of("acme"));
 * List<WorkflowTask> due = repository.claimDue(scope, 500);
 * }</pre>
 *
 * @param runId      the run, unique; stored as the claim's owner and named in audit entries
 * @param now        the run's instant: work due at or before it is due
 * @param leaseUntil claims the run takes (tasks and notifications) hide them from other runs until
 *                   then, or until the run records them
 * @param tenants    the tenants whose tasks and notifications the run may see; empty for all
 */
public record RunScope(String runId, Instant now, Instant leaseUntil, Set<String> tenants) {

    /**
     * Checks every component.
     *
     * @param runId the run, unique
     * @param now the run's instant
     * @param leaseUntil when the run's claims expire
     * @param tenants the tenants the run may see; empty for all
     * @throws IllegalArgumentException when a component is missing or blank, or {@code leaseUntil}
     *     is before {@code now}
     */
    public RunScope {
        Require.text("runId", runId);
        Require.present("now", now);
        Require.present("leaseUntil", leaseUntil);
        tenants = Set.copyOf(Require.present("tenants", tenants));
        if (leaseUntil.isBefore(now)) {
            throw new IllegalArgumentException("leaseUntil must not be before now " + now + ", but was " + leaseUntil);
        }
    }

    /**
     * Whether a task or notification of {@code tenant} is this run's to see.
     *
     * @param tenant the task's or notification's tenant; empty for none
     * @return true when the scope has no tenants, or has this one
     */
    public boolean includes(Optional<String> tenant) {
        return tenants.isEmpty() || tenant.map(tenants::contains).orElse(false);
    }
}
