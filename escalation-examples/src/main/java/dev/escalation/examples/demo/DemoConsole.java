package dev.escalation.examples.demo;

import com.sun.net.httpserver.HttpServer;
import dev.escalation.console.EscalationConsole;
import dev.escalation.console.OperationsConsoleBackend;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.time.Clock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The operator console over the demo's database, served on localhost after the run ({@code --console})
 * until it is closed: by Ctrl-C in a shell (a shutdown hook), by the test that started it. It owns the
 * demo's database pool from then on and closes it last.
 */
final class DemoConsole implements AutoCloseable {

    /** Who the console lets act: the demo binds to localhost only, and its database is a sandbox. */
    static final String OPERATOR = "demo-operator";

    private final HttpServer server;
    private final DemoBackend backend;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private DemoConsole(HttpServer server, DemoBackend backend) {
        this.server = server;
        this.backend = backend;
    }

    /** Serves the console on {@code port} (0: any free one) of the loopback address. */
    static DemoConsole start(DemoBackend backend, EscalationEngine engine, Clock clock, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext(
                "/",
                EscalationConsole.builder(new OperationsConsoleBackend(
                                engine, backend.queries(), backend.operatorActions(), backend.auditSource()::read))
                        // The simulation's clock stays at its end: the worklist is as of then.
                        .clock(clock)
                        .authorizer(exchange -> Optional.of(OPERATOR))
                        .build());
        server.start();
        return new DemoConsole(server, backend);
    }

    /** Where a browser opens the console. */
    URI url() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/");
    }

    /** Blocks until the console is closed. */
    void awaitClose() throws InterruptedException {
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() > 0) {
            server.stop(0);
            backend.close();
            stopped.countDown();
        }
    }
}
