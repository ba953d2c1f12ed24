package dev.escalation.examples.quartz;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationRunException;
import dev.escalation.core.RunReport;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * A Quartz job that runs one escalation pass. {@code @DisallowConcurrentExecution} keeps one
 * scheduler from overlapping its own runs; several Quartz nodes may still run it at once, which the
 * engine tolerates (every step happens once).
 *
 * <p>The engine comes from the scheduler context, so the job itself stays stateless.
 */
@DisallowConcurrentExecution
public class EscalationJob implements Job {

    /** Key of the {@link EscalationEngine} in the scheduler context. */
    public static final String ENGINE = "escalation.engine";

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        EscalationEngine engine;
        try {
            engine = (EscalationEngine) context.getScheduler().getContext().get(ENGINE);
        } catch (SchedulerException e) {
            throw new JobExecutionException("scheduler context unavailable", e);
        }
        if (engine == null) {
            throw new JobExecutionException("no EscalationEngine in the scheduler context under " + ENGINE);
        }
        try {
            RunReport report = engine.runOnce();
            context.setResult(report);
        } catch (EscalationRunException e) {
            // The repository failed: let Quartz record the failure; the next trigger tries again.
            throw new JobExecutionException(e, false);
        }
    }
}
