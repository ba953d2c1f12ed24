package dev.escalation.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code resume-policy NAME}: ends a pause; the next run catches its tasks up like a late run. */
@Command(
        name = "resume-policy",
        mixinStandardHelpOptions = true,
        description = "Resumes a paused policy: the next run catches its tasks up like a late run (one notification"
                + " for where each stands now, the steps passed audited as skipped). Audited with the operator's name.")
final class ResumePolicyCommand extends StoreCommand {

    @Parameters(paramLabel = "NAME", description = "the policy's name")
    private String policy;

    @Option(names = "--operator", paramLabel = "NAME", required = true, description = "who resumes it; audited")
    private String operator;

    @Override
    int run(Session session) {
        boolean resumed = PolicySwitch.act(
                session, () -> session.store().operatorActions().resumePolicy(policy, operator));
        if (resumed) {
            session.out().printf("Policy '%s' resumed by %s: the next run catches its tasks up.%n", policy, operator);
        } else {
            session.out().printf("Policy '%s' was not paused: nothing changed.%n", policy);
        }
        return EscalationCli.OK;
    }
}
