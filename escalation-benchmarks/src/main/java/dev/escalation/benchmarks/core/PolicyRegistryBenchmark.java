package dev.escalation.benchmarks.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.policy.PolicyDefinition;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.task.WorkflowTask;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The policy registry at {@value #DEFINITIONS} definitions (issue #14): loading them from JSON text
 * into a {@link PolicyRegistry} ({@code load}, one whole load per invocation, milliseconds), and
 * looking up the policies of {@value #TASKS} tasks spread over them ({@code policyFor}, lookups per
 * second). Each definition is keyed by its own stage, over 50 workflow types.
 */
@State(Scope.Thread)
public class PolicyRegistryBenchmark {

    static final int DEFINITIONS = 100_000;
    static final int TASKS = 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private String json;
    private PolicyRegistry registry;
    private WorkflowTask[] tasks;

    @Setup
    public void setUp() throws IOException {
        StringBuilder text = new StringBuilder(DEFINITIONS * 160).append('[');
        for (int i = 0; i < DEFINITIONS; i++) {
            text.append(i == 0 ? "" : ",")
                    .append("{\"workflow_type\": \"type-")
                    .append(i % 50)
                    .append("\", \"stage_name\": \"Stage ")
                    .append(i)
                    .append("\", \"sla_hours\": ")
                    .append(24 + i % 48)
                    .append(", \"remind_every\": \"PT4H\", \"escalation_to\": \"role:head-")
                    .append(i % 97)
                    .append("\"}");
        }
        json = text.append(']').toString();
        registry = load();
        tasks = new WorkflowTask[TASKS];
        for (int i = 0; i < TASKS; i++) {
            int definition = (int) ((i * 7919L) % DEFINITIONS);
            tasks[i] = WorkflowTask.builder("PO-" + i)
                    .workflowType("type-" + definition % 50)
                    .stage("Stage " + definition)
                    .assignee("alice")
                    .slaStart(Workloads.NOW)
                    .version(1)
                    .build();
        }
    }

    /** Reads the JSON and builds the registry: what a host does at start-up. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public PolicyRegistry load() throws IOException {
        return PolicyRegistry.builder()
                .define(MAPPER.readValue(json, PolicyDefinition[].class))
                .build();
    }

    /** One task's policy, as the engine looks it up for every task it plans. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(TASKS)
    public void policyFor(Blackhole blackhole) {
        for (WorkflowTask task : tasks) {
            blackhole.consume(registry.policyFor(task));
        }
    }
}
