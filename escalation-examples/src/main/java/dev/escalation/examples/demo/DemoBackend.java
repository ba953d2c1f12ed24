package dev.escalation.examples.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.Clock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.util.List;

/**
 * Where the demo keeps its tasks and audit trail: the library's JDBC store over a HikariCP pool,
 * on an embedded H2 database unless {@code --jdbc-url} names another one.
 */
final class DemoBackend implements AutoCloseable {

    static final String EMBEDDED_H2 = "jdbc:h2:mem:escalation-demo;DB_CLOSE_DELAY=-1";

    private final HikariDataSource dataSource;
    private final JdbcEscalationStore store;
    private final String url;

    DemoBackend(String jdbcUrl, Clock clock) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setMaximumPoolSize(4);
        pool.setPoolName("escalation-demo");
        this.dataSource = new HikariDataSource(pool);
        this.store = JdbcEscalationStore.builder(dataSource).clock(clock).build();
        store.createSchema();
        this.url = jdbcUrl;
    }

    WorkflowRepository repository() {
        return store.repository();
    }

    TaskStore tasks() {
        return store.tasks();
    }

    /** The audit trail so far, in order. */
    List<AuditEntry> auditTrail() {
        return store.auditTrail().entries();
    }

    /** A line for the console: what the demo runs on. */
    String description() {
        return "escalation-jdbc on " + store.dialect() + " (" + url.replaceAll("(?i)password=[^;&]*", "password=***")
                + ")";
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
