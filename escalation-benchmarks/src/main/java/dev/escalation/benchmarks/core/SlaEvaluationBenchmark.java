package dev.escalation.benchmarks.core;

import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.sla.SlaEvaluator;
import dev.escalation.core.task.WorkflowTask;
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
 * Tasks evaluated per second on one thread (one core): {@link SlaEvaluator#assess} (status, time
 * left) and the engine's {@link SlaEvaluator#plan} (which steps are due, the next state), over
 * {@value #TASKS} tasks in every state, on a 24/7 policy and on the same policy in business time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SlaEvaluationBenchmark {

    static final int TASKS = 1024;
    private SlaPolicy policy;
    private SlaPolicy businessTimePolicy;
    private WorkflowTask[] tasks;
    private WorkflowTask[] businessTimeTasks;

    @Setup
    public void setUp() {
        policy = Workloads.approvalPolicy();
        businessTimePolicy = Workloads.approvalPolicyInBusinessTime();
        tasks = Workloads.tasksInEveryState(policy, TASKS);
        businessTimeTasks = Workloads.tasksInEveryState(businessTimePolicy, TASKS);
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public void assess(Blackhole blackhole) {
        for (WorkflowTask task : tasks) {
            blackhole.consume(SlaEvaluator.assess(policy, task, Workloads.NOW));
        }
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public void plan(Blackhole blackhole) {
        for (WorkflowTask task : tasks) {
            blackhole.consume(SlaEvaluator.plan(policy, task, Workloads.NOW));
        }
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public void planInBusinessTime(Blackhole blackhole) {
        for (WorkflowTask task : businessTimeTasks) {
            blackhole.consume(SlaEvaluator.plan(businessTimePolicy, task, Workloads.NOW));
        }
    }
}
