package dev.escalation.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The connection options' defaults from the environment, so that a URL with a password need not be
 * typed on a command line that other users of the machine can read.
 */
final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {

    private static final Map<String, String> VARIABLES = Map.of(
            "--jdbc-url", "ESCALATION_JDBC_URL",
            "--user", "ESCALATION_USER",
            "--password", "ESCALATION_PASSWORD");

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (argument instanceof OptionSpec option) {
            String variable = VARIABLES.get(option.longestName());
            return variable == null ? null : environment.get(variable);
        }
        return null;
    }
}
