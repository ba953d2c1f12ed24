package dev.escalation.benchmarks.jdbc;

import java.util.Map;

/** How the embedded PostgreSQL commits: the two settings every JDBC figure is measured with. */
public enum Durability {

    /** zonky's defaults: it starts PostgreSQL with {@code -F} (fsync off) and {@code synchronous_commit=off}. */
    EMBEDDED_DEFAULTS("embedded defaults", Map.of("fsync", "off", "synchronous_commit", "off"), Map.of()),

    /** A commit returns once its WAL is flushed to disk, as PostgreSQL does out of the box. */
    DURABLE(
            "durable commits",
            Map.of("fsync", "on", "synchronous_commit", "on"),
            Map.of("fsync", "on", "synchronous_commit", "on"));

    private final String label;
    // Map.of values: unmodifiable, which Error Prone cannot tell from the Map type.
    @SuppressWarnings("ImmutableEnumChecker")
    private final Map<String, String> expected;

    @SuppressWarnings("ImmutableEnumChecker")
    private final Map<String, String> serverConfig;

    Durability(String label, Map<String, String> expected, Map<String, String> serverConfig) {
        this.label = label;
        this.expected = expected;
        this.serverConfig = serverConfig;
    }

    public String label() {
        return label;
    }

    /** The settings a server started this way must show; checked after start-up. */
    Map<String, String> expectedSettings() {
        return expected;
    }

    /** What is passed to {@code EmbeddedPostgres.builder().setServerConfig(...)} on top of zonky's defaults. */
    Map<String, String> serverConfig() {
        return serverConfig;
    }

    /** "fsync=off, synchronous_commit=off". */
    String settings() {
        return "fsync=" + expected.get("fsync") + ", synchronous_commit=" + expected.get("synchronous_commit");
    }
}
