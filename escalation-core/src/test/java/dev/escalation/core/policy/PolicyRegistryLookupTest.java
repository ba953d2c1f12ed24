package dev.escalation.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.escalation.core.task.WorkflowTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The registry finds a task's policy by key lookups, not by walking every entry; this checks, over
 * every key that can be made of two values per part or none (81 keys, all registered at once, and
 * every third one for a sparse registry), that each of 81 tasks gets exactly the policy of its most
 * specific matching key, as the key's definition says.
 */
class PolicyRegistryLookupTest {

    private static final List<Optional<String>> TYPES = List.of(Optional.empty(), Optional.of("po"), Optional.of("hr"));
    private static final List<Optional<String>> STAGES = List.of(Optional.empty(), Optional.of("A"), Optional.of("B"));
    private static final List<Optional<String>> PRIORITIES =
            List.of(Optional.empty(), Optional.of("P1"), Optional.of("P2"));
    private static final List<Optional<String>> TENANTS =
            List.of(Optional.empty(), Optional.of("acme"), Optional.of("globex"));

    @Test
    void every_task_gets_the_policy_of_its_most_specific_matching_key_with_every_key_registered() {
        assertLookupsMatchTheDefinition(allKeys());
    }

    @Test
    void every_task_gets_the_policy_of_its_most_specific_matching_key_with_some_keys_registered() {
        List<PolicyKey> some = new ArrayList<>();
        List<PolicyKey> all = allKeys();
        for (int i = 0; i < all.size(); i += 3) {
            some.add(all.get(i));
        }
        assertLookupsMatchTheDefinition(some);
    }

    private static void assertLookupsMatchTheDefinition(List<PolicyKey> keys) {
        PolicyRegistry.Builder builder = PolicyRegistry.builder();
        List<PolicyRegistry.Entry> registered = new ArrayList<>();
        for (PolicyKey key : keys) {
            SlaPolicy policy = policy(key.toString());
            builder.register(key, policy);
            registered.add(new PolicyRegistry.Entry(key, policy));
        }
        PolicyRegistry registry = builder.build();
        int checked = 0;
        for (String type : List.of("po", "hr", "it")) {
            for (String stage : List.of("A", "B", "C")) {
                for (String priority : List.of("P1", "P2", "P3")) {
                    for (Optional<String> tenant :
                            List.of(Optional.<String>empty(), Optional.of("acme"), Optional.of("x"))) {
                        WorkflowTask task = task(type, stage, priority, tenant);
                        assertThat(registry.policyFor(task))
                                .as("%s", task)
                                .isEqualTo(mostSpecificMatch(registered, task));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(81);
    }

    /** The definition, by brute force: of the keys whose every set part equals the task's, the most specific. */
    private static Optional<SlaPolicy> mostSpecificMatch(List<PolicyRegistry.Entry> entries, WorkflowTask task) {
        return entries.stream()
                .filter(e -> e.key()
                                .workflowType()
                                .map(task.workflowType()::equals)
                                .orElse(true)
                        && e.key().stage().map(task.stage()::equals).orElse(true)
                        && e.key().priority().map(task.priority()::equals).orElse(true)
                        && e.key()
                                .tenant()
                                .map(t -> task.tenant().equals(Optional.of(t)))
                                .orElse(true))
                .max(Comparator.comparingInt(e -> e.key().specificity()))
                .map(PolicyRegistry.Entry::policy);
    }

    private static List<PolicyKey> allKeys() {
        List<PolicyKey> keys = new ArrayList<>();
        for (Optional<String> type : TYPES) {
            for (Optional<String> stage : STAGES) {
                for (Optional<String> priority : PRIORITIES) {
                    for (Optional<String> tenant : TENANTS) {
                        keys.add(new PolicyKey(type, stage, priority, tenant));
                    }
                }
            }
        }
        return keys;
    }

    private static SlaPolicy policy(String name) {
        return SlaPolicy.builder(name)
                .sla(Duration.ofHours(24))
                .noWarning()
                .escalateTo(EscalationTarget.role("department_head"))
                .build();
    }

    private static WorkflowTask task(String type, String stage, String priority, Optional<String> tenant) {
        WorkflowTask.Builder builder = WorkflowTask.builder("T-1")
                .workflowType(type)
                .stage(stage)
                .priority(priority)
                .assignee("alice")
                .slaStart(Instant.parse("2026-01-05T09:00:00Z"));
        tenant.ifPresent(builder::tenant);
        return builder.build();
    }
}
