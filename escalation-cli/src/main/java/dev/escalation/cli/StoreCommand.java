package dev.escalation.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that reads the store the global options name: it gets an open {@link Session} and
 * returns its exit code.
 */
abstract class StoreCommand implements Callable<Integer> {

    @ParentCommand
    private EscalationCli cli;

    @Spec
    private CommandSpec spec;

    @Override
    public final Integer call() {
        check(spec);
        try (Session session = cli.open(spec)) {
            return run(session);
        }
    }

    /**
     * Checks the options together before the store is opened; throws a picocli ParameterException
     * (exit code 2) naming the option and its value when they do not fit.
     */
    void check(CommandSpec command) {}

    /** Runs the command on {@code session}; returns its exit code. */
    abstract int run(Session session);
}
