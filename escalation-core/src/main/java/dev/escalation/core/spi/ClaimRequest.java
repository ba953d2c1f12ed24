package dev.escalation.core.spi;

import dev.escalation.core.internal.Require;
import java.time.Instant;
import java.util.Set;

/**
 * A runner's request for due work.
 *
 * @param now        the runner's current instant: work due at or before it is due
 * @param limit      at most this many items
 * @param leaseUntil claimed items are hidden from other runners until then, or until recorded
 * @param owner      the claiming run, for diagnostics
 * @param tenants    only tasks of these tenants; empty for all tasks
 */
public record ClaimRequest(Instant now, int limit, Instant leaseUntil, String owner, Set<String> tenants) {

    /**
     * Validates the request and copies its tenants.
     *
     * @param now        the runner's current instant: work due at or before it is due
     * @param limit      at most this many items
     * @param leaseUntil claimed items are hidden from other runners until then, or until recorded
     * @param owner      the claiming run, for diagnostics
     * @param tenants    only tasks of these tenants; empty for all tasks
     * @throws IllegalArgumentException when a value is null, blank or not positive, or the lease ends before {@code now}
     */
    public ClaimRequest {
        Require.present("now", now);
        Require.positive("limit", limit);
        Require.present("leaseUntil", leaseUntil);
        Require.text("owner", owner);
        tenants = Set.copyOf(Require.present("tenants", tenants));
        if (leaseUntil.isBefore(now)) {
            throw new IllegalArgumentException("leaseUntil must not be before now " + now + ", but was " + leaseUntil);
        }
    }
}
