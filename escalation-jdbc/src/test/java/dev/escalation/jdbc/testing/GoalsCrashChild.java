package dev.escalation.jdbc.testing;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.Goal;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.WorkflowRepository;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The process that {@code GoalsCrashTest} kills half way through a run over tasks of two named goals
 * (issue #20): it plans the open tasks in batches of {@link #BATCH}; right after its {@code n}-th batch
 * is committed (before that batch's notifications are delivered) it prints {@code COMMITTED n} and
 * blocks until it is killed ({@link KilledRun#commitThenBlock}), so the kill lands at the same point on every run.
 *
 * <p>Arguments: JDBC URL, schema, the instant of the run, the number of batches to commit.
 */
public final class GoalsCrashChild {

    public static final int BATCH = 50;

    /** {@code response} within 4 h (warned 1 h before), {@code resolution} within 12 h (warned 4 h before). */
    public static final SlaPolicy GOALS = SlaPolicy.builder("Service Request")
            .goal(new Goal(
                    "response",
                    SlaPolicy.builder("response")
                            .sla(Duration.ofHours(4))
                            .warnBefore(Duration.ofHours(1))
                            .escalateTo(EscalationTarget.user("tina"))
                            .build()))
            .goal(new Goal(
                    "resolution",
                    SlaPolicy.builder("resolution")
                            .sla(Duration.ofHours(12))
                            .warnBefore(Duration.ofHours(4))
                            .escalateTo(EscalationTarget.user("dirk"))
                            .build()))
            .build();

    private GoalsCrashChild() {}

    public static void main(String[] args) {
        KilledRun.commitThenBlock(args, GoalsCrashChild::engine);
    }

    /** An engine of {@link #GOALS}, as the child and the test's surviving node both build it. */
    public static EscalationEngine engine(WorkflowRepository repository, DataSource source, String schema) {
        return KilledRun.engineBuilder(repository, source, schema, BATCH)
                .policy(GOALS)
                .build();
    }
}
