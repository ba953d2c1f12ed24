package dev.escalation.examples.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.InMemoryAuditSink;
import dev.escalation.core.calendar.BusinessCalendar;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.notification.LoggingNotifier;
import dev.escalation.core.notification.Notifier;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.policy.PolicyRegistry;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.time.ManualClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.File;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;

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
    protected Notifier mail = n -> { };
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
    protected EscalationEngine.Builder builder = EscalationEngine.builder();
    /** Stands for the host's connection pool. */
    protected DataSource dataSource;
    protected Notifier notifier = mail;
    /** Stands for the host's directory of users and roles. */
    protected TargetResolver directory = orgChart;
    protected Instant stageEnteredAt = clock.now();

    abstract void run() throws Exception;
}
