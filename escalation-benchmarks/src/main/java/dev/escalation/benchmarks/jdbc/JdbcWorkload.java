package dev.escalation.benchmarks.jdbc;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SqlDialect;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** The policy, instants and engine set-up that every JDBC scenario shares. */
final class JdbcWorkload {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    static final Duration SLA = Duration.ofHours(24);
    static final Duration WARN_BEFORE = Duration.ofHours(2);
    /** The engine's default batch size, which the plain-JDBC limit uses too. */
    static final int BATCH_SIZE = 500;

    private JdbcWorkload() {}

    /** 24 h SLA, a warning 2 h before the deadline, escalation at the deadline. */
    static SlaPolicy policy() {
        return SlaPolicy.builder("Approval")
                .sla(SLA)
                .warnBefore(WARN_BEFORE)
                .escalateTo(EscalationTarget.user("dora"))
                .build();
    }

    /**
     * The store's audit stripes: its default, or {@code -Descalation.benchmarks.auditStripes=N} to
     * compare (1: the single chain of the store before stripes).
     */
    static final int AUDIT_STRIPES = Integer.getInteger("escalation.benchmarks.auditStripes", 16);

    static JdbcEscalationStore store(DataSource dataSource, ManualClock clock) {
        return JdbcEscalationStore.builder(dataSource)
                .clock(clock)
                .dialect(SqlDialect.POSTGRESQL)
                .auditStripes(AUDIT_STRIPES)
                .build();
    }

    /**
     * An engine as a host with a large table runs it: default batch size, the store's audit trail,
     * a notifier that only counts, and no SLA counts per run (the idle probe measures those).
     */
    static EscalationEngine engine(WorkflowRepository repository, AtomicLong delivered) {
        return builder(repository, delivered).countSla(false).build();
    }

    /** The same engine with SLA counts after every run, as the engine's builder has it by default (the store may serve them from its last count). */
    static EscalationEngine countingEngine(JdbcEscalationStore store, AtomicLong delivered) {
        return builder(store.repository(), delivered).countSla(true).build();
    }

    private static EscalationEngine.Builder builder(WorkflowRepository repository, AtomicLong delivered) {
        return EscalationEngine.builder()
                .repository(repository)
                .policy(policy())
                .notifier(n -> delivered.incrementAndGet())
                .batchSize(BATCH_SIZE);
    }
}
