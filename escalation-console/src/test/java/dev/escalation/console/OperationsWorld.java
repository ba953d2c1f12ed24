package dev.escalation.console;

import com.sun.net.httpserver.HttpServer;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.NotificationRetryPolicy;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The console on the real backend, {@link OperationsConsoleBackend}, over the in-memory repository's
 * queries and actions: PO-7 breached and escalated to dora while the mail server was down, so both
 * escalation notifications were given up after their one attempt; dora is re-escalated every day, so
 * the planner has steps to come. alice may act.
 */
final class OperationsWorld implements AutoCloseable {

    static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    final ManualClock clock = ManualClock.at(START);
    final InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock);
    final AtomicBoolean mailDown = new AtomicBoolean(true);
    /** The idempotency keys the notifier delivered, in order. */
    final List<String> delivered = new ArrayList<>();

    final EscalationEngine engine;
    final HttpServer server;

    OperationsWorld() throws IOException {
        engine = EscalationEngine.builder()
                .repository(repository)
                .policy(SlaPolicy.builder("Approval")
                        .sla(Duration.ofHours(24))
                        .warnBefore(Duration.ofHours(2))
                        .escalateTo(EscalationTarget.user("dora"))
                        .reEscalateEvery(Duration.ofHours(24))
                        .build())
                .notifier(n -> {
                    if (mailDown.get()) {
                        throw new IllegalStateException("mail server down");
                    }
                    synchronized (delivered) {
                        delivered.add(n.idempotencyKey());
                    }
                })
                .notificationRetry(new NotificationRetryPolicy(1, Duration.ofMinutes(1), 2.0, Duration.ofMinutes(1)))
                .build();
        repository.open(NewTask.of("PO-7", "purchase-order", "Approval", "erin", START));
        engine.runOnce();
        clock.set(START.plus(Duration.ofHours(25)));
        engine.runOnce();
        ConsoleBackend backend = new OperationsConsoleBackend(
                engine,
                repository,
                repository,
                AuditEntrySource.of(() -> repository.auditTrail().entries()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/console",
                EscalationConsole.builder(backend)
                        .clock(clock)
                        .authorizer(exchange -> Optional.of("alice"))
                        .build());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<String> delivered() {
        synchronized (delivered) {
            return List.copyOf(delivered);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
