package dev.escalation.core.policy;

import java.time.Duration;
import java.util.Optional;

/**
 * When a policy warns before the deadline: not at all, a fixed time before it, or when a fraction
 * of the SLA has passed. The planner needs only {@link #windowFor(Duration)}: how long before the
 * deadline the warning falls due for a task's SLA.
 */
public sealed interface Warning {

    /**
     * No warning.
     *
     * @return the warning
     */
    static Warning none() {
        return None.INSTANCE;
    }

    /**
     * Warn {@code window} before the deadline.
     *
     * @param window how long before the deadline
     * @return the warning
     * @throws InvalidPolicyException when the window is null, not positive or longer than {@link SlaPolicy#MAX_DURATION}
     */
    static Warning before(Duration window) {
        return new Before(window);
    }

    /**
     * Warn when {@code fraction} of the SLA has passed, e.g. {@code 0.75}.
     *
     * @param fraction the share of the SLA, above 0 and below 1
     * @return the warning
     * @throws InvalidPolicyException when the fraction does not lie strictly between 0 and 1
     */
    static Warning at(double fraction) {
        return new AtFraction(fraction);
    }

    /**
     * How long before the deadline the warning falls due for a task whose SLA is {@code sla}; empty for none.
     *
     * @param sla the time allowed
     * @return how long before the deadline the warning falls due for a task whose SLA is {@code sla}; empty for none
     */
    Optional<Duration> windowFor(Duration sla);

    /** No warning before the deadline. */
    enum None implements Warning {
        /** The only value. */
        INSTANCE;

        @Override
        public Optional<Duration> windowFor(Duration sla) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "none";
        }
    }

    /**
     * A warning a fixed time before the deadline.
     *
     * @param window how long before the deadline, in SLA time
     */
    record Before(Duration window) implements Warning {

        /**
         * @param window how long before the deadline
         * @throws InvalidPolicyException when the window is null, not positive or too long
         */
        public Before {
            Checks.duration("warning window", window);
        }

        @Override
        public Optional<Duration> windowFor(Duration sla) {
            return Optional.of(window);
        }

        @Override
        public String toString() {
            return window.toString();
        }
    }

    /**
     * A warning when a fraction of the task's SLA has passed, so a P1 task with a 4-hour SLA and a
     * task with three business days both warn at three quarters of their own SLA.
     *
     * @param fraction the part of the SLA that has passed, strictly between 0 and 1
     */
    record AtFraction(double fraction) implements Warning {

        /**
         * @param fraction the share of the SLA, above 0 and below 1
         * @throws InvalidPolicyException when the fraction does not lie strictly between 0 and 1
         */
        public AtFraction {
            Checks.fraction("warning fraction", fraction);
        }

        @Override
        public Optional<Duration> windowFor(Duration sla) {
            long slaNanos = sla.toNanos();
            return Optional.of(Duration.ofNanos(slaNanos - Math.round(slaNanos * fraction)));
        }

        @Override
        public String toString() {
            return "at " + fraction;
        }
    }
}
