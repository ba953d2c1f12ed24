package dev.escalation.cli;

import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/** What pause-policy and resume-policy share: a bad name is a usage error, stored nothing. */
final class PolicySwitch {

    private PolicySwitch() {}

    static boolean act(Session session, BooleanSupplier action) {
        if (session.tenant().isPresent()) {
            throw new CommandLine.ParameterException(
                    session.spec().commandLine(), "a policy is paused for every tenant; --tenant cannot narrow it");
        }
        try {
            return action.getAsBoolean();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(session.spec().commandLine(), e.getMessage());
        }
    }
}
