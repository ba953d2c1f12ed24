package dev.escalation.jdbc.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.ForwardingWorkflowRepository;
import dev.escalation.core.spi.RunScope;
import dev.escalation.core.spi.StepTransition;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The process that {@code PolicyChangeCrashTest} kills half way through a re-plan (issue #16): an
 * engine started with {@link #EIGHT_HOURS} over open tasks planned under {@link #DAY} re-plans them
 * in batches of {@link #BATCH}; right after its {@code n}-th batch is committed (before that batch's
 * notifications are delivered) it prints {@code COMMITTED n} and blocks until it is killed. So the
 * kill lands at the same point of the re-plan on every run of the test, without a sleep: the
 * committed batches' notifications delivered but the last one's, the rest of the tasks untouched.
 *
 * <p>Arguments: JDBC URL, schema, the instant of the run, the number of batches to commit.
 */
public final class ReplanCrashChild {

    public static final int BATCH = 50;
    /** The crash test's policy: a warning, two reminders, two levels, three re-escalations; an 8 h SLA. */
    public static final SlaPolicy EIGHT_HOURS = CrashChild.POLICY;
    /** The same with a 24 h SLA: the version the open tasks were planned under. */
    public static final SlaPolicy DAY =
            EIGHT_HOURS.toBuilder().sla(Duration.ofHours(24)).build();

    private ReplanCrashChild() {}

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setURL(args[0]);
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(server);
        pool.setMaximumPoolSize(2);
        DataSource source = new HikariDataSource(pool);
        String schema = args[1];
        ManualClock clock = ManualClock.at(Instant.parse(args[2]));
        int batches = Integer.parseInt(args[3]);
        JdbcEscalationStore store =
                JdbcEscalationStore.builder(source).clock(clock).schema(schema).build();
        EscalationEngine engine = engine(new CommitsThenBlocks(store, batches), source, schema);
        System.out.println("READY");
        engine.runOnce();
        // Reached only if the re-plan took fewer batches than asked for: the test fails on this line.
        System.out.println("DONE");
    }

    /** An engine re-planning under {@link #EIGHT_HOURS}, as the child and the test's surviving node both build it. */
    public static EscalationEngine engine(WorkflowRepository repository, DataSource source, String schema) {
        return EscalationEngine.builder()
                .repository(repository)
                .policies(PolicyRegistry.builder().defaultPolicy(EIGHT_HOURS).build())
                .notifier(recordingDeliveries(source, schema))
                .batchSize(BATCH)
                .claimLease(Duration.ofMinutes(5))
                .countSla(false)
                .build();
    }

    /** Records each idempotency key the notifier is handed in the test's {@code crash_delivery} table. */
    private static Notifier recordingDeliveries(DataSource source, String schema) {
        return n -> {
            try (Connection c = source.getConnection();
                    PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO " + schema + ".crash_delivery (idempotency_key) VALUES (?)")) {
                ps.setString(1, n.idempotencyKey());
                ps.executeUpdate();
            }
        };
    }

    /** The store's repository, which after its {@code n}-th committed batch says so and blocks for good. */
    private static final class CommitsThenBlocks extends ForwardingWorkflowRepository {

        private final int batches;
        private int committed;

        CommitsThenBlocks(JdbcEscalationStore store, int batches) {
            super(store.repository());
            this.batches = batches;
        }

        @Override
        public List<String> record(RunScope scope, List<StepTransition> transitions) {
            List<String> accepted = super.record(scope, transitions);
            if (++committed == batches) {
                System.out.println("COMMITTED " + committed);
                System.out.flush();
                blockUntilKilled();
            }
            return accepted;
        }

        /** Waits on the test's end of stdin, which it never writes to; a test that dies first ends the child too. */
        private static void blockUntilKilled() {
            try {
                while (System.in.read() >= 0) {
                    // nothing is ever sent
                }
            } catch (IOException e) {
                // the test is gone
            }
            Runtime.getRuntime().halt(3);
        }
    }
}
