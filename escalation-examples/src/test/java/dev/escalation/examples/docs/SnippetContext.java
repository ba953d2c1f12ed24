package dev.escalation.examples.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.LoggingNotifier;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.JdbcEscalationStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names that documentation snippets take as given ("your mail service", "your scheduler"),
 * so that every ```java block in README.md and docs/ compiles as a method body of a subclass.
 */
@SuppressWarnings("unused")
abstract class SnippetContext {

    protected ManualClock clock = ManualClock.at("2026-01-05T09:00:00Z");
    protected InMemoryWorkflowRepository tasks = new InMemoryWorkflowRepository(clock);
    protected InMemoryAuditSink auditTrail = new InMemoryAuditSink();
    /** Stands for the host's mail service. */
    protected Notifier mail = n -> {};

    protected LoggingNotifier mailNotifier = new LoggingNotifier();
    protected TargetResolver orgChart = TargetResolver.usersOnly();
    protected TargetResolver orgChartResolver = orgChart;
    protected ScheduledExecutorService scheduler;
    protected SlaPolicy managerApproval;
    protected SlaPolicy financeReview;
    protected SlaPolicy fallback;
    protected PolicyRegistry policyRegistry;
    protected BusinessCalendar officeHours = BusinessCalendar.twentyFourSeven();
    protected ObjectMapper objectMapper = new ObjectMapper();
    protected File file;
    protected Instant taskCreated = clock.now();
    protected MeterRegistry meterRegistry = new SimpleMeterRegistry();
    protected EscalationEngine engine;
    protected PolicyResolver policies = policyRegistry;
    protected DataSource dataSource;
    /** The JDBC store as the host built it from {@link #dataSource}. */
    protected JdbcEscalationStore store;

    protected Notifier notifier = mail;
    protected TargetResolver directory = orgChart;
    protected Instant stageEnteredAt = clock.now();
    protected EscalationEngine.Builder builder = EscalationEngine.builder();
    protected Logger log = LoggerFactory.getLogger("host");

    /** Stands for "an empty database with your tables", as a repository contract test needs one per test. */
    protected DataSource freshDatabase() {
        return dataSource;
    }

    abstract void run() throws Exception;
}
