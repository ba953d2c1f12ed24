package dev.escalation.core.policy;

import dev.escalation.core.task.WorkflowTask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
 * Definitions read from JSON register under their own {@code workflow_type}/{@code stage_name}/{@code priority},
 * or as the default with {@code "default": true}:
 * {@code builder().define(objectMapper.readValue(json, PolicyDefinition[].class))}.
 */
public final class PolicyRegistry implements PolicyResolver {

    private final List<Entry> entries;
    private final Map<PolicyKey, SlaPolicy> byKey;
    /** The key shapes (see {@link PolicyKey#specificity()}) that some entry has, most specific first. */
    private final int[] shapes;

    private final Optional<SlaPolicy> defaultPolicy;
    /** Older versions kept for open tasks pinned to them, by id and version. */
    private final Map<PolicyVersion, SlaPolicy> retained;
    /** The registered policies and the retained versions that a pinning policy still serves. */
    private final List<SlaPolicy> served;

    // Design: a key's specificity names exactly which of its four parts are set, so two keys of one
    // shape that match the same task are the same key. A task's policy is therefore found by building,
    // for each shape present (most specific first), the one key of that shape the task could match,
    // and looking it up: a handful of hash lookups, whatever the number of policies.
    private PolicyRegistry(
            List<Entry> entries, Optional<SlaPolicy> defaultPolicy, Map<PolicyVersion, SlaPolicy> retained) {
        List<Entry> sorted = new ArrayList<>(entries);
        // Stable sort: most specific first, registration order within equal specificity.
        sorted.sort((a, b) -> Integer.compare(b.key().specificity(), a.key().specificity()));
        this.entries = List.copyOf(sorted);
        Map<PolicyKey, SlaPolicy> index = new HashMap<>();
        for (Entry entry : sorted) {
            index.put(entry.key(), entry.policy());
        }
        this.byKey = index;
        this.shapes = sorted.stream()
                .mapToInt(entry -> entry.key().specificity())
                .distinct()
                .toArray();
        this.defaultPolicy = defaultPolicy;
        this.retained = Map.copyOf(retained);
        List<SlaPolicy> current = new ArrayList<>();
        sorted.forEach(entry -> current.add(entry.policy()));
        defaultPolicy.ifPresent(current::add);
        Set<String> pinning = new HashSet<>();
        current.stream().filter(p -> p.onChange() == PolicyChange.PIN).forEach(p -> pinning.add(p.id()));
        List<SlaPolicy> all = new ArrayList<>(current);
        retained.values().stream().filter(p -> pinning.contains(p.id())).forEach(all::add);
        this.served = List.copyOf(all);
    }

    /**
     * Starts an empty registry.
     *
     * @return a new, empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The policy of the most specific key that matches the task, or the default. When that policy
     * {@linkplain PolicyChange#PIN pins} open tasks and the task was planned under an older version
     * of it that this registry {@linkplain Builder#retain retains}, the older version.
     *
     * @param task the task
     * @return its policy, or empty when no key matches and there is no default
     */
    @Override
    public Optional<SlaPolicy> policyFor(WorkflowTask task) {
        return current(task).map(policy -> pinnedVersion(policy, task));
    }

    private Optional<SlaPolicy> current(WorkflowTask task) {
        for (int shape : shapes) {
            Optional<PolicyKey> candidate = PolicyKey.ofShape(shape, task);
            SlaPolicy policy = candidate.map(byKey::get).orElse(null);
            if (policy != null) {
                return Optional.of(policy);
            }
        }
        return defaultPolicy;
    }

    private SlaPolicy pinnedVersion(SlaPolicy policy, WorkflowTask task) {
        if (policy.onChange() != PolicyChange.PIN || retained.isEmpty()) {
            return policy;
        }
        return task.escalation()
                .policy()
                .filter(recorded -> recorded.policyId().equals(policy.id()))
                .map(retained::get)
                .orElse(policy);
    }

    /**
     * The registered policies, the default, and the retained versions that a pinning policy still serves.
     *
     * @return the policies this registry serves
     */
    @Override
    public List<SlaPolicy> policies() {
        return served;
    }

    /**
     * All registered policies with their keys, most specific first.
     *
     * @return the list
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The policy for tasks that match no key, if there is one.
     *
     * @return the policy for tasks that match no key, if there is one
     */
    public Optional<SlaPolicy> defaultPolicy() {
        return defaultPolicy;
    }

    /** A registered policy and the tasks it applies to. */
    public record Entry(PolicyKey key, SlaPolicy policy) {
        /**
         * Checks both components.
         *
         * @param key the tasks the policy applies to
         * @param policy the policy
         * @throws NullPointerException when one is null
         */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** Builds a {@link PolicyRegistry}. Registering the same key twice is an error. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final Set<PolicyKey> keys = new HashSet<>();
        private Optional<SlaPolicy> defaultPolicy = Optional.empty();
        private final Map<PolicyVersion, SlaPolicy> retained = new HashMap<>();
        private Optional<CalendarResolver> calendarResolver = Optional.empty();

        private Builder() {}

        /**
         * The host's resolver for the JSON definitions {@linkplain #define(PolicyDefinition) defined} after this
         * call whose {@code calendar_from} names neither {@code attribute} nor {@code tenant} (issue #20): the
         * resolver picks each task's calendar, and {@code calendars} with {@code default} may name the one for
         * tasks it knows none for. Without a resolver such a definition is refused.
         *
         * <pre>{@code
         * PolicyRegistry.builder()
         *         .calendarResolver(task -> directory.regionOf(task.assignee()).map(calendarsByRegion::get))
         *         .define(objectMapper.readValue(file, PolicyDefinition[].class))
         *         .build();
         * }</pre>
         *
         * @param resolver the host's resolver
         * @return this builder
         * @throws NullPointerException when {@code resolver} is null
         */
        public Builder calendarResolver(CalendarResolver resolver) {
            this.calendarResolver = Optional.of(Objects.requireNonNull(resolver, "resolver"));
            return this;
        }

        /**
         * Keeps an older version of a policy for the open tasks planned under it, registered under no key:
         * when the policy now registered under the same id {@linkplain PolicyChange#PIN pins} open tasks,
         * a task recorded under this version keeps it (new tasks get the registered version). Retaining a
         * version of a policy that re-plans changes nothing.
         *
         * @param older the older version
         * @return this builder
         * @throws NullPointerException when {@code older} is null
         */
        public Builder retain(SlaPolicy older) {
            Objects.requireNonNull(older, "older");
            retained.put(older.policyVersion(), older);
            return this;
        }

        /**
         * Registers {@code policy} for the tasks that {@code key} matches.
         *
         * @param key the tasks it governs
         * @param policy the policy
         * @return this builder
         * @throws IllegalStateException when {@code key} is registered already
         */
        public Builder register(PolicyKey key, SlaPolicy policy) {
            Entry entry = new Entry(key, policy);
            if (!keys.add(key)) {
                throw new IllegalStateException("policy key " + key + " is registered twice");
            }
            entries.add(entry);
            return this;
        }

        /**
         * Registers a JSON definition under the key it names ({@code workflow_type}, {@code stage_name},
         * {@code priority}), or as the default policy when it says {@code "default": true}. Errors name
         * the JSON path from {@code $}, the definition.
         *
         * @param definition the policy definition
         * @return this builder
         * @throws InvalidPolicyException when the definition is null or cannot work, or names no tasks
         *         and does not say {@code "default": true}
         * @throws IllegalStateException when its key, or the default, is registered already
         */
        public Builder define(PolicyDefinition definition) {
            return define(JsonPath.ROOT, definition);
        }

        /**
         * Registers each definition as {@link #define(PolicyDefinition)} does; errors name the JSON path
         * from {@code $[i]}, the i-th definition, as in a file that holds an array of them. Two
         * definitions that govern the same tasks, or two defaults, are an error too.
         *
         * @param definitions the policy definitions
         * @return this builder
         * @throws InvalidPolicyException when a definition is null or cannot work, names no tasks and is
         *         not the default, or governs the same tasks as one before it
         * @throws IllegalStateException when a key, or the default, is registered already
         */
        public Builder define(Collection<PolicyDefinition> definitions) {
            Map<PolicyKey, JsonPath> governed = new HashMap<>();
            JsonPath firstDefault = null;
            int i = 0;
            for (PolicyDefinition definition : Objects.requireNonNull(definitions, "definitions")) {
                JsonPath path = JsonPath.ROOT.index(i++);
                if (definition != null && definition.isDefault()) {
                    if (firstDefault != null) {
                        throw JsonRule.NOT_BESIDE.at(path.field("default"), true, firstDefault.field("default"));
                    }
                    firstDefault = path;
                } else if (definition != null) {
                    JsonPath before = governed.putIfAbsent(definition.key(), path);
                    if (before != null && definition.key().specificity() > 0) {
                        throw JsonRule.SAME_TASKS.naming(path, before);
                    }
                }
                define(path, definition);
            }
            return this;
        }

        /**
         * As {@link #define(Collection)}.
         *
         * @param definitions the policy definitions
         * @return this builder
         */
        public Builder define(PolicyDefinition... definitions) {
            return define(Arrays.asList(Objects.requireNonNull(definitions, "definitions")));
        }

        private Builder define(JsonPath path, PolicyDefinition definition) {
            if (definition == null) {
                throw JsonRule.NOT_NULL.at(path, null);
            }
            SlaPolicy policy = new PolicyAssembler(definition, path, calendarResolver).policy();
            if (definition.isDefault()) {
                return defaultPolicy(policy);
            }
            PolicyKey key = definition.key();
            if (key.specificity() == 0) {
                throw JsonRule.NAMES_NO_TASKS.at(path);
            }
            return register(key, policy);
        }

        /**
         * The policy for tasks that match no key. Without one, such tasks are skipped and reported.
         *
         * @param policy the policy
         * @return this builder
         * @throws IllegalStateException when the default policy is set already
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
         * The registry of everything registered so far.
         *
         * @return the registry of everything registered so far
         */
        public PolicyRegistry build() {
            return new PolicyRegistry(entries, defaultPolicy, retained);
        }
    }
}
