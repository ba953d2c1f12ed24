package dev.escalation.core.policy;

import dev.escalation.core.task.WorkflowTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps tasks to policies by workflow type, stage, priority and tenant, with an explicit default.
 * A task gets the policy of the most specific key that matches it (tenant, then stage, then
 * workflow type, then priority); equally specific keys are tried in registration order.
 *
 * <pre>{@code
 * PolicyRegistry policies = PolicyRegistry.builder()
 *         .register(PolicyKey.stage("Manager Approval"), managerApproval)
 *         .register(PolicyKey.stage("purchase-order", "Finance Review"), financeReview)
 *         .defaultPolicy(fallback)          // or leave it out: tasks without a policy are skipped and reported
 *         .build();
 * }</pre>
 *
 * Definitions read from JSON register under their own {@code workflow_type}/{@code stage_name}/{@code priority}:
 * {@code builder().define(objectMapper.readValue(json, PolicyDefinition[].class))}.
 */
public final class PolicyRegistry implements PolicyResolver {

    private final List<Entry> entries;
    private final Optional<SlaPolicy> defaultPolicy;

    private PolicyRegistry(List<Entry> entries, Optional<SlaPolicy> defaultPolicy) {
        List<Entry> sorted = new ArrayList<>(entries);
        // Stable sort: most specific first, registration order within equal specificity.
        sorted.sort((a, b) -> Integer.compare(b.key().specificity(), a.key().specificity()));
        this.entries = List.copyOf(sorted);
        this.defaultPolicy = defaultPolicy;
    }

    /**
     * Starts an empty registry.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<SlaPolicy> policyFor(WorkflowTask task) {
        for (Entry entry : entries) {
            if (entry.key().matches(task)) {
                return Optional.of(entry.policy());
            }
        }
        return defaultPolicy;
    }

    /**
     * All registered policies with their keys, most specific first.
     *
     * @return the entries
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The policy for tasks that match no key, if one was set.
     *
     * @return the default policy, or empty
     */
    public Optional<SlaPolicy> defaultPolicy() {
        return defaultPolicy;
    }

    /**
     * A registered policy and the tasks it applies to.
     *
     * @param key    the tasks it applies to
     * @param policy the policy
     */
    public record Entry(PolicyKey key, SlaPolicy policy) {
        /**
         * Validates the entry.
         *
         * @param key    the tasks it applies to
         * @param policy the policy
         * @throws NullPointerException when the key or the policy is null
         */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** Builds a {@link PolicyRegistry}. Registering the same key twice is an error. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private Optional<SlaPolicy> defaultPolicy = Optional.empty();

        private Builder() {}

        /**
         * Registers {@code policy} for the tasks that {@code key} matches.
         *
         * @param key    the tasks the policy applies to
         * @param policy the policy
         * @return this builder
         * @throws IllegalStateException when {@code key} is registered already
         */
        public Builder register(PolicyKey key, SlaPolicy policy) {
            Entry entry = new Entry(key, policy);
            if (entries.stream().anyMatch(e -> e.key().equals(key))) {
                throw new IllegalStateException("policy key " + key + " is registered twice");
            }
            entries.add(entry);
            return this;
        }

        /**
         * Registers a JSON definition under the key it names; one without workflow type, stage or priority becomes the default.
         *
         * @param definition the definition
         * @return this builder
         */
        public Builder define(PolicyDefinition definition) {
            SlaPolicy policy = definition.toPolicy();
            PolicyKey key = definition.key();
            if (key.equals(new PolicyKey(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))) {
                return defaultPolicy(policy);
            }
            return register(key, policy);
        }

        /**
         * Registers each definition as {@link #define(PolicyDefinition)} does.
         *
         * @param definitions the definitions
         * @return this builder
         */
        public Builder define(Collection<PolicyDefinition> definitions) {
            definitions.forEach(this::define);
            return this;
        }

        /**
         * Registers each definition as {@link #define(PolicyDefinition)} does.
         *
         * @param definitions the definitions
         * @return this builder
         */
        public Builder define(PolicyDefinition... definitions) {
            return define(List.of(definitions));
        }

        /**
         * The policy for tasks that match no key. Without one, such tasks are skipped and reported.
         *
         * @param policy the default policy
         * @return this builder
         */
        public Builder defaultPolicy(SlaPolicy policy) {
            if (defaultPolicy.isPresent()) {
                throw new IllegalStateException(
                        "default policy is set twice: " + defaultPolicy.get().name() + " and " + policy.name());
            }
            this.defaultPolicy = Optional.of(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Builds the registry.
         *
         * @return the registry
         */
        public PolicyRegistry build() {
            return new PolicyRegistry(entries, defaultPolicy);
        }
    }
}
