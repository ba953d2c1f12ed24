package dev.escalation.core.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instant of a host change when several nodes, each with its own clock, change one task: the
 * later of the changing node's now and the last instant recorded on the task (its SLA start, its
 * holds, its steps). A node whose clock is behind another's can then still hold, resume, complete
 * or reassign a task the other changed a moment ago, and no change dates the task back: a hold never
 * ends before it began, and a hold never starts before the cycle it pauses.
 *
 * <p>A node found behind a task's record by more than {@link #TOLERANCE} is logged once per JVM at
 * WARN (then at DEBUG): that is clock skew between nodes, which one cluster clock removes (the JDBC
 * store's database clock).
 */
final class ChangeTime {

    /** Skew below this is ordinary (clock resolution, a change a moment after another); not reported. */
    static final Duration TOLERANCE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ChangeTime.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private ChangeTime() {}

    static Instant of(WorkflowTask task, Instant now) {
        Instant last = lastRecorded(task);
        if (!last.isAfter(now)) {
            return now;
        }
        Duration behind = Duration.between(now, last);
        if (behind.compareTo(TOLERANCE) > 0) {
            String message = "clock skew: a change of task '{}' at {} comes {} after its last recorded instant {};"
                    + " taking {} (is this node's clock behind the others'?)";
            if (WARNED.compareAndSet(false, true)) {
                LOG.warn(message, task.id(), now, behind, last, last);
            } else {
                LOG.debug(message, task.id(), now, behind, last, last);
            }
        }
        return last;
    }

    static Instant lastRecorded(WorkflowTask task) {
        EscalationState e = task.escalation();
        Stream<Optional<Instant>> steps = Stream.of(
                e.warnedAt(),
                e.lastEscalatedAt(),
                e.breachedAt(),
                e.attention().acknowledgedAt(),
                e.attention().snoozedAt());
        Stream<Optional<Instant>> holds =
                task.holds().stream().flatMap(h -> Stream.of(Optional.of(h.from()), h.until()));
        return Stream.concat(steps, holds)
                .flatMap(Optional::stream)
                .reduce(task.slaStart(), (a, b) -> a.isAfter(b) ? a : b);
    }
}
