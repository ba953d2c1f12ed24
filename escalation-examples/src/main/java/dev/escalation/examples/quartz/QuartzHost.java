package dev.escalation.examples.quartz;

import dev.escalation.core.EscalationEngine;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;

/**
 * How a Quartz host schedules the engine: put the engine in the scheduler context and trigger
 * {@link EscalationJob} every few minutes.
 *
 * <pre>{@code
 * Scheduler scheduler = StdSchedulerFactory.getDefaultScheduler();
 * QuartzHost.schedule(scheduler, engine, 1);
 * scheduler.start();
 * }</pre>
 */
public final class QuartzHost {

    /** The job's key, to pause, resume or trigger it by hand. */
    public static final JobKey JOB = JobKey.jobKey("escalation", "escalation");

    private QuartzHost() {}

    /** Schedules a run every {@code minutes} minutes, starting now. */
    public static void schedule(Scheduler scheduler, EscalationEngine engine, int minutes) throws SchedulerException {
        scheduler.getContext().put(EscalationJob.ENGINE, engine);
        JobDetail job = JobBuilder.newJob(EscalationJob.class)
                .withIdentity(JOB)
                .storeDurably()
                .build();
        Trigger trigger = TriggerBuilder.newTrigger()
                .forJob(job)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.repeatMinutelyForever(minutes)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.scheduleJob(job, trigger);
    }
}
