package dev.escalation.notify.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A webhook receiver on 127.0.0.1 as a host would write one: it verifies the signature of every
 * request with {@link WebhookSignature#verify} and answers 401 when it fails, else the status the
 * test asks for. It records what it received.
 */
final class SignatureCheckingServer implements AutoCloseable {

    record Received(String body, String signature, String idempotencyKey, String contentType, boolean genuine) {}

    private final HttpServer server;
    private final String secret;
    private final Supplier<Instant> now;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    SignatureCheckingServer(String secret, Supplier<Instant> now) throws IOException {
        this.secret = secret;
        this.now = now;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    void answer(int status) {
        this.status = status;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
        boolean genuine =
                secret != null && WebhookSignature.verify(secret, signature, body, now.get(), Duration.ofMinutes(5));
        received.add(new Received(
                body,
                signature,
                exchange.getRequestHeaders().getFirst(WebhookNotifier.IDEMPOTENCY_HEADER),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                genuine));
        int answer = secret != null && !genuine ? 401 : status;
        byte[] reply = ("{\"status\":" + answer + "}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
