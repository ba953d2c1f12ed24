package dev.escalation.cli;

import dev.escalation.core.time.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One in-process run of the tool: its exit code and what it printed on each stream. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Clock clock, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EscalationCli.run(clock, environment, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun of(Clock clock, String... args) {
        return of(clock, Map.of(), args);
    }
}
