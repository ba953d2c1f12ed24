package dev.escalation.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pause-policy NAME}: the kill switch. No step of the policy fires until it is resumed; its
 * tasks' SLA clocks keep running.
 */
@Command(
        name = "pause-policy",
        mixinStandardHelpOptions = true,
        description = "Pauses a policy for every engine on this store: from the next run on none of its steps"
                + " fires; its tasks' SLA clocks keep running. Audited with the operator's name.")
final class PausePolicyCommand extends StoreCommand {

    @Parameters(paramLabel = "NAME", description = "the policy's name")
    private String policy;

    @Option(names = "--operator", paramLabel = "NAME", required = true, description = "who pauses it; audited")
    private String operator;

    @Override
    int run(Session session) {
        boolean paused = PolicySwitch.act(
                session, () -> session.store().operatorActions().pausePolicy(policy, operator));
        if (paused) {
            session.out()
                    .printf(
                            "Policy '%s' paused by %s: none of its steps fires until it is resumed.%n",
                            policy, operator);
        } else {
            session.out().printf("Policy '%s' was already paused: nothing changed.%n", policy);
        }
        return EscalationCli.OK;
    }
}
