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
        try (Session session = cli.open(spec)) {
            return run(session);
        }
    }

    /** Runs the command on {@code session}; returns its exit code. */
    abstract int run(Session session);
}
