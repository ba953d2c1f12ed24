package dev.escalation.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.operations.TaskTimeline;
import dev.escalation.core.policy.PolicyDefinition;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.task.TaskNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code explain TASK --policies FILE}: why a task did and when it will escalate - its past steps from
 * the audit trail and the steps the planner will take, under the policies the hosts run.
 */
@Command(
        name = "explain",
        mixinStandardHelpOptions = true,
        description = {
            "Explains a task: where it stands, every step that happened to it (from the audit trail) and every"
                    + " step still to come, with instants, the deadline, holds and the policy version.",
            "The store keeps no policies: give the hosts' policy definitions as JSON (docs/policies.md), one"
                    + " object or an array of them."
        })
final class ExplainCommand extends StoreCommand {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "TASK", description = "the task's id")
    private String taskId;

    @Option(
            names = "--policies",
            paramLabel = "FILE",
            required = true,
            description = "the policy definitions, as JSON (one object or an array)")
    private Path policiesFile;

    private PolicyRegistry policies;

    @Override
    void check(CommandSpec command) {
        // Read before the database is opened: a bad file is a usage error that names it and the problem.
        try {
            JsonNode json = JSON.readTree(Files.readString(policiesFile));
            List<PolicyDefinition> definitions = json != null && json.isArray()
                    ? Arrays.asList(JSON.treeToValue(json, PolicyDefinition[].class))
                    : List.of(JSON.treeToValue(json, PolicyDefinition.class));
            policies = PolicyRegistry.builder().define(definitions).build();
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(
                    command.commandLine(),
                    "Invalid value for option '--policies': " + policiesFile + ": " + problem(e));
        }
    }

    /** Jackson wraps the reader's error; the operator needs the reader's words, not the wrapper's. */
    private static String problem(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause instanceof IOException && cause.getMessage() != null
                ? cause.getMessage().lines().findFirst().orElse("")
                : String.valueOf(cause.getMessage());
    }

    @Override
    int run(Session session) {
        EscalationEngine engine = EscalationEngine.builder()
                .repository(session.store().repository())
                .policies(policies)
                .build();
        TaskTimeline timeline;
        try {
            timeline = engine.explain(taskId);
        } catch (TaskNotFoundException e) {
            throw new CommandLine.ParameterException(
                    session.spec().commandLine(),
                    "Invalid value for parameter 'TASK': no task '" + taskId + "' is stored");
        } catch (IllegalStateException e) {
            throw new CommandLine.ParameterException(
                    session.spec().commandLine(),
                    "Invalid value for option '--policies': " + policiesFile + ": " + e.getMessage());
        }
        if (session.tenant().isPresent()
                && !session.tenant().equals(timeline.task().tenant())) {
            throw new CommandLine.ParameterException(
                    session.spec().commandLine(),
                    "Invalid value for parameter 'TASK': no task '" + taskId + "' in tenant "
                            + session.tenant().get());
        }
        if (session.json()) {
            session.printJson(timeline);
        } else {
            session.out().print(timeline.text());
        }
        return EscalationCli.OK;
    }
}
