package dev.escalation.jdbc.perf;

import dev.escalation.jdbc.SqlDialect;
import dev.escalation.jdbc.testing.Soak;
import dev.escalation.jdbc.testing.StoreInvariants;
import dev.escalation.jdbc.testing.TestDatabase;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The soak of {@code SoakTest} at any size, timed, outside the test suite (see docs/reliability.md):
 *
 * <pre>
 * mvn -B -q -pl escalation-core,escalation-jdbc -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp "escalation-jdbc/target/test-classes:escalation-jdbc/target/classes:$(cat escalation-jdbc/target/cp.txt)" \
 *     dev.escalation.jdbc.perf.SoakHarness [tasks=1000000] [days=90] [H2|POSTGRESQL]
 * </pre>
 */
public final class SoakHarness {

    private SoakHarness() {}

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        SqlDialect dialect = args.length > 2 ? SqlDialect.valueOf(args[2]) : SqlDialect.H2;
        Soak.Settings settings = new Soak.Settings(tasks, days, 4, 0.20, 0.01, 20260105L);
        TestDatabase db = TestDatabase.open(dialect);
        try {
            DataSource source =
                    dialect == SqlDialect.H2 ? JdbcConnectionPool.create((JdbcDataSource) db.dataSource()) : db.pool(6);
            long started = System.nanoTime();
            Soak soak = new Soak(
                    settings,
                    source,
                    (faulty, clock) -> db.storeBuilder(faulty, clock).build());
            Soak.Outcome outcome = soak.run();
            long simulated = System.nanoTime();
            StoreInvariants.Figures figures = new StoreInvariants(
                            db.dataSource(),
                            db.storeBuilder(db.dataSource(), soak.clock()).build(),
                            db::table)
                    .assertAll(outcome.deliveries(), outcome.end(), Soak.RETRY.maxAttempts());
            long checked = System.nanoTime();
            System.out.printf(
                    "%s%n%s%n%s%nsimulation %d s, invariant check %d s%n",
                    settings,
                    outcome.summary(),
                    figures,
                    Duration.ofNanos(simulated - started).toSeconds(),
                    Duration.ofNanos(checked - simulated).toSeconds());
        } finally {
            db.close();
        }
    }
}
