package dev.escalation.benchmarks.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.policy.PolicyRegistry;
import org.junit.jupiter.api.Test;

/** The registry benchmark measures what it says: a registry of all its definitions, each of them found. */
class PolicyRegistryBenchmarkTest {

    @Test
    void the_benchmark_loads_every_definition_into_one_registry() throws Exception {
        PolicyRegistryBenchmark benchmark = new PolicyRegistryBenchmark();
        benchmark.setUp();

        PolicyRegistry registry = benchmark.load();

        assertThat(registry.entries()).hasSize(PolicyRegistryBenchmark.DEFINITIONS);
    }
}
