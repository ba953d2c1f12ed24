package dev.escalation.jdbc.testing;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.WorkflowRepository;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The process that {@code PolicyChangeCrashTest} kills half way through a re-plan (issue #16): an
 * engine started with {@link #EIGHT_HOURS} over open tasks planned under {@link #DAY} re-plans them
 * in batches of {@link #BATCH}; right after its {@code n}-th batch is committed (before that batch's
 * notifications are delivered) it prints {@code COMMITTED n} and blocks until it is killed. So the
 * kill lands at the same point of the re-plan on every run of the test, without a sleep: the
 * committed batches' notifications delivered but the last one's, the rest of the tasks untouched.
 *
 * <p>Arguments: JDBC URL, schema, the instant of the run, the number of batches to commit.
 */
public final class ReplanCrashChild {

    public static final int BATCH = 50;
    /** The crash test's policy: a warning, two reminders, two levels, three re-escalations; an 8 h SLA. */
    public static final SlaPolicy EIGHT_HOURS = CrashChild.POLICY;
    /** The same with a 24 h SLA: the version the open tasks were planned under. */
    public static final SlaPolicy DAY =
            EIGHT_HOURS.toBuilder().sla(Duration.ofHours(24)).build();

    private ReplanCrashChild() {}

    public static void main(String[] args) {
        KilledRun.commitThenBlock(args, ReplanCrashChild::engine);
    }

    /** An engine re-planning under {@link #EIGHT_HOURS}, as the child and the test's surviving node both build it. */
    public static EscalationEngine engine(WorkflowRepository repository, DataSource source, String schema) {
        return KilledRun.engineBuilder(repository, source, schema, BATCH)
                .policies(PolicyRegistry.builder().defaultPolicy(EIGHT_HOURS).build())
                .build();
    }
}
