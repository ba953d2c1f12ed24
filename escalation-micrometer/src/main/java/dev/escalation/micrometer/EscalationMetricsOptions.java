package dev.escalation.micrometer;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * How {@link EscalationMetrics} tags its meters. Immutable; the defaults keep cardinality fixed
 * and small: no stage or workflow-type tags.
 *
 * <pre>{@code
 * EscalationMetricsOptions options = EscalationMetricsOptions.builder()
 *         .tagByStage(true)          // step counters get a "stage" tag ...
 *         .maxTagValues(20)          // ... with at most 20 distinct stages; later ones count as "other"
 *         .tag("engine", "billing")  // a fixed tag on every meter, for several engines in one registry
 *         .build();
 * }</pre>
 *
 * Task ids, assignees and recipients are never tags: they are unbounded.
 */
public final class EscalationMetricsOptions {

    /** Distinct values per opt-in tag when none is set. */
    public static final int DEFAULT_MAX_TAG_VALUES = 20;
    /** The largest cap accepted: more than this defeats the purpose of a cap. */
    public static final int MAX_TAG_VALUES_LIMIT = 1000;

    private static final Set<String> RESERVED_TAG_KEYS = Set.of(
            EscalationMeterNames.OUTCOME,
            EscalationMeterNames.KIND,
            EscalationMeterNames.LEVEL,
            EscalationMeterNames.STAGE,
            EscalationMeterNames.WORKFLOW_TYPE);

    private final boolean tagByStage;
    private final boolean tagByWorkflowType;
    private final int maxTagValues;
    private final Tags tags;

    private EscalationMetricsOptions(Builder b) {
        this.tagByStage = b.tagByStage;
        this.tagByWorkflowType = b.tagByWorkflowType;
        this.maxTagValues = b.maxTagValues;
        Tags fixed = Tags.empty();
        for (Map.Entry<String, String> tag : b.tags.entrySet()) {
            fixed = fixed.and(Tag.of(tag.getKey(), tag.getValue()));
        }
        this.tags = fixed;
    }

    /**
     * No stage or workflow-type tags, no fixed tags.
     *
     * @return the default options
     */
    public static EscalationMetricsOptions defaults() {
        return builder().build();
    }

    /**
     * Starts options from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Whether step counters carry the task's stage as tag {@value EscalationMeterNames#STAGE}.
     *
     * @return whether step counters are tagged by stage
     */
    public boolean tagByStage() {
        return tagByStage;
    }

    /**
     * Whether step counters carry the task's workflow type as tag {@value EscalationMeterNames#WORKFLOW_TYPE}.
     *
     * @return whether step counters are tagged by workflow type
     */
    public boolean tagByWorkflowType() {
        return tagByWorkflowType;
    }

    /**
     * Distinct values kept per bounded tag (stage, workflow type, level); later values become {@value EscalationMeterNames#OTHER}.
     *
     * @return the limit per tag
     */
    public int maxTagValues() {
        return maxTagValues;
    }

    /**
     * Fixed tags added to every meter.
     *
     * @return the fixed tags
     */
    public Tags tags() {
        return tags;
    }

    @Override
    public String toString() {
        return "EscalationMetricsOptions[tagByStage=" + tagByStage + ", tagByWorkflowType=" + tagByWorkflowType
                + ", maxTagValues=" + maxTagValues + ", tags=" + tags + "]";
    }

    /** Builds {@link EscalationMetricsOptions}; every setter rejects a bad value at once, naming it. */
    public static final class Builder {
        private boolean tagByStage;
        private boolean tagByWorkflowType;
        private int maxTagValues = DEFAULT_MAX_TAG_VALUES;
        private final Map<String, String> tags = new LinkedHashMap<>();

        private Builder() {}

        /**
         * Tag step counters by stage. Default false.
         *
         * @param value whether to tag by stage
         * @return this builder
         */
        public Builder tagByStage(boolean value) {
            this.tagByStage = value;
            return this;
        }

        /**
         * Tag step counters by workflow type. Default false.
         *
         * @param value whether to tag by workflow type
         * @return this builder
         */
        public Builder tagByWorkflowType(boolean value) {
            this.tagByWorkflowType = value;
            return this;
        }

        /**
         * At most this many distinct values per bounded tag; the first ones seen are kept, later
         * ones are counted under {@value EscalationMeterNames#OTHER}. Default {@value #DEFAULT_MAX_TAG_VALUES}.
         *
         * @param value the limit per tag
         * @return this builder
         * @throws IllegalArgumentException unless 1 &lt;= value &lt;= {@value #MAX_TAG_VALUES_LIMIT}
         */
        public Builder maxTagValues(int value) {
            if (value < 1 || value > MAX_TAG_VALUES_LIMIT) {
                throw new IllegalArgumentException(
                        "maxTagValues must be between 1 and " + MAX_TAG_VALUES_LIMIT + ", but was " + value);
            }
            this.maxTagValues = value;
            return this;
        }

        /**
         * Adds a fixed tag to every meter, e.g. to tell two engines in one registry apart.
         *
         * @param key   the tag's key
         * @param value the tag's value
         * @return this builder
         * @throws IllegalArgumentException when key or value is blank, or the key is one the meters use themselves
         * @throws IllegalStateException when the key was added before
         */
        public Builder tag(String key, String value) {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("tag key must not be blank, but was " + quoted(key));
            }
            if (RESERVED_TAG_KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        "tag key must not be one of " + RESERVED_TAG_KEYS + ", but was '" + key + "'");
            }
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(
                        "tag '" + key + "' value must not be blank, but was " + quoted(value));
            }
            if (tags.containsKey(key)) {
                throw new IllegalStateException("tag '" + key + "' was already set to '" + tags.get(key) + "'");
            }
            tags.put(key, value);
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public EscalationMetricsOptions build() {
            return new EscalationMetricsOptions(this);
        }

        private static String quoted(String value) {
            return value == null ? "null" : "'" + value + "'";
        }
    }
}
