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
import java.util.Optional;

/**
 * The console's world: a purchase order whose stage name is hostile HTML, breached and escalated to
 * dora while the mail server is down, so that its two escalation notifications are given up; a second
 * order completed in time; a third, in Finance, breached half an hour after the first. One server mounts the console twice: {@code /console} where alice may act,
 * {@code /readonly} with the default authorizer.
 */
final class ConsoleWorld implements AutoCloseable {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final String HOSTILE_STAGE = "<script>alert('stage')</script>Approval";
    static final String HOSTILE_ASSIGNEE = "\"><img src=x onerror=alert(1)>";

    final ManualClock clock = ManualClock.at(START);
    final InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock);
    final InMemoryConsoleBackend backend = new InMemoryConsoleBackend(repository, clock);
    final HttpServer server;

    ConsoleWorld() throws IOException {
        EscalationEngine engine = EscalationEngine.builder()
                .repository(repository)
                .policy(SlaPolicy.builder("Approval")
                        .sla(Duration.ofHours(24))
                        .warnBefore(Duration.ofHours(2))
                        .escalateTo(EscalationTarget.user("dora"))
                        .build())
                .notifier(n -> {
                    throw new IllegalStateException("mail server down <b>now</b>");
                })
                .notificationRetry(new NotificationRetryPolicy(1, Duration.ofMinutes(1), 2.0, Duration.ofMinutes(1)))
                .build();
        repository.open(NewTask.of("PO-1", "purchase-order", HOSTILE_STAGE, HOSTILE_ASSIGNEE, START));
        repository.open(NewTask.of("PO-2", "purchase-order", HOSTILE_STAGE, "bob", START));
        clock.set(START.plus(Duration.ofMinutes(30)));
        repository.open(NewTask.of("PO-3", "purchase-order", "Finance", "carol", clock.now()));
        engine.runOnce();
        clock.set(START.plus(Duration.ofHours(3)));
        repository.complete("PO-2");
        clock.set(START.plus(Duration.ofHours(25)));
        engine.runOnce();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/console",
                EscalationConsole.builder(backend)
                        .clock(clock)
                        .authorizer(exchange -> Optional.of("alice"))
                        .build());
        server.createContext(
                "/readonly", EscalationConsole.builder(backend).clock(clock).build());
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The first given-up notification's id (the escalation to dora or its notice to the assignee). */
    String givenUpId() {
        return backend.givenUp(Optional.empty(), 10).items().get(0).id();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
