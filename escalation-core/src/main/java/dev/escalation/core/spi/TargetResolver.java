package dev.escalation.core.spi;

import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.task.WorkflowTask;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an escalation level's target into the user who gets the task, usually through the host's
 * directory ("the department head of this requester"). Empty means "cannot resolve now": the
 * engine audits and reports it and tries again on a later run; so does an exception.
 *
 * <pre>{@code
 * TargetResolver directory = (target, task, level) -> target.kind() == EscalationTarget.Kind.USER
 *         ? Optional.of(target.name())
 *         : orgChart.holderOf(target.name(), task.attributes().get("department"));
 * }</pre>
 */
@FunctionalInterface
public interface TargetResolver {

    /**
     * The user who gets {@code task} at escalation {@code level}.
     *
     * @param target the level's target
     * @param task   the task being escalated
     * @param level  the escalation level, 1 for the first
     * @return the user's id, or empty when the target cannot be resolved now
     * @throws Exception when the directory fails; the engine treats it like empty
     */
    Optional<String> resolve(EscalationTarget target, WorkflowTask task, int level) throws Exception;

    /**
     * Resolves user targets to themselves and no role: the default, which makes role targets fail loudly.
     *
     * @return the default resolver
     */
    static TargetResolver usersOnly() {
        return (target, task, level) ->
                target.kind() == EscalationTarget.Kind.USER ? Optional.of(target.name()) : Optional.empty();
    }

    /**
     * Resolves user targets to themselves and roles through a fixed map of role to user.
     *
     * @param userByRole the user for each role
     * @return the resolver
     */
    static TargetResolver roles(Map<String, String> userByRole) {
        Map<String, String> copy = Map.copyOf(userByRole);
        return (target, task, level) -> target.kind() == EscalationTarget.Kind.USER
                ? Optional.of(target.name())
                : Optional.ofNullable(copy.get(target.name()));
    }
}
