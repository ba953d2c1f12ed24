package dev.escalation.core;

import dev.escalation.core.spi.StepTransition;
import java.util.List;

/**
 * What a run means to do with one claimed task: the transition to record, the steps to tell
 * listeners and count once it is recorded, and whether it is the task's first breach. A deferral
 * (no policy, unresolved target, failure) has no steps.
 */
record PlannedTask(StepTransition transition, List<AppliedStep> steps, long skippedSteps, boolean breachedNow) {

    PlannedTask {
        steps = List.copyOf(steps);
    }

    static PlannedTask deferral(StepTransition transition) {
        return new PlannedTask(transition, List.of(), 0, false);
    }

    String taskId() {
        return transition.taskId();
    }
}
