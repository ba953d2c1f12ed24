package dev.escalation.jdbc;

import dev.escalation.core.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's own clock, compared with the database's at most once per {@link #CHECK_EVERY} of the
 * node's time. The database is the one reference every node shares: two nodes each within the
 * tolerance of it are within twice the tolerance of each other, so a node found further off is the
 * one that could take claims another node still holds (or lose its own). The first skew past the
 * tolerance is logged at WARN, later ones at DEBUG; the last measurement is kept for
 * {@link JdbcEscalationStore#clockSkew()}.
 *
 * <p>Design note: the check runs inside {@link #now()}, so it needs no thread of its own, and costs
 * one extra query a minute; a compare-and-set on the next check's instant lets one caller measure.
 */
final class SkewWatchingClock implements Clock {

    static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(SkewWatchingClock.class);

    private final Clock node;
    private final Clock database;
    private final Duration tolerance;
    private final AtomicReference<Instant> nextCheck = new AtomicReference<>(Instant.MIN);
    private final AtomicReference<Duration> lastSkew = new AtomicReference<>();
    private final AtomicBoolean warned = new AtomicBoolean();

    SkewWatchingClock(Clock node, Clock database, Duration tolerance) {
        this.node = node;
        this.database = database;
        this.tolerance = tolerance;
    }

    @Override
    public Instant now() {
        Instant now = node.now();
        Instant due = nextCheck.get();
        if (!now.isBefore(due) && nextCheck.compareAndSet(due, now.plus(CHECK_EVERY))) {
            measure(now);
        }
        return now;
    }

    /** The node's clock minus the database's at the last check; empty before the first. */
    Optional<Duration> lastSkew() {
        return Optional.ofNullable(lastSkew.get());
    }

    private void measure(Instant nodeNow) {
        Duration skew = Duration.between(database.now(), nodeNow);
        lastSkew.set(skew);
        if (skew.abs().compareTo(tolerance) <= 0) {
            return;
        }
        String message = "clock skew: this node's clock is {} {} the database's (tolerance {}); leases and"
                + " host changes follow the nodes' clocks, so nodes further apart than a lease can take each"
                + " other's claims - run NTP, or let the store read the database clock";
        String direction = skew.isNegative() ? "behind" : "ahead of";
        if (warned.compareAndSet(false, true)) {
            LOG.warn(message, skew.abs(), direction, tolerance);
        } else {
            LOG.debug(message, skew.abs(), direction, tolerance);
        }
    }
}
