package dev.escalation.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.escalation.core.Require;
import dev.escalation.core.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator console as a JDK {@link HttpHandler}: mount it on the host's {@code HttpServer} under
 * any path. {@code GET <path>/} shows the breached worklist, per-stage compliance over the last days
 * as a chart and the given-up notifications; {@code GET <path>/task?id=} a task's timeline;
 * {@code POST <path>/redeliver} queues a given-up notification again, once per rendered form (each
 * form carries a fresh request id, so a form sent twice is one request). Read-only unless the host's
 * {@link ConsoleAuthorizer} names an operator; an action needs that and the form's anti-forgery
 * token, else it is refused with status 403 and the backend is not called.
 *
 * <pre>{@code
 * HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8081), 0);
 * server.createContext("/console", EscalationConsole.builder(backend).clock(clock).build());
 * server.start();
 * }</pre>
 */
public final class EscalationConsole implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationConsole.class);
    private static final int MAX_FORM_BYTES = 8 * 1024;
    /** The request ids the console draws for its forms are UUIDs; anything like one is taken. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final ConsoleBackend backend;
    private final Clock clock;
    private final ConsoleAuthorizer authorizer;
    private final int pageSize;
    private final int complianceDays;
    private final CsrfTokens tokens = new CsrfTokens(new SecureRandom());

    private EscalationConsole(Builder b) {
        this.backend = b.backend;
        this.clock = b.clock;
        this.authorizer = b.authorizer;
        this.pageSize = b.pageSize;
        this.complianceDays = b.complianceDays;
    }

    /**
     * Starts a console over {@code backend}; read-only, on the system clock, by default.
     *
     * @param backend what the console reads and acts through
     * @return the builder
     * @throws IllegalArgumentException when the backend is missing
     */
    public static Builder builder(ConsoleBackend backend) {
        return new Builder(Require.present("backend", backend));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String base = exchange.getHttpContext().getPath().replaceAll("/+$", "");
            String path = exchange.getRequestURI()
                    .getPath()
                    .substring(Math.min(exchange.getRequestURI().getPath().length(), base.length()));
            String method = exchange.getRequestMethod();
            try {
                if (path.isEmpty() || path.equals("/")) {
                    requireMethod(method, "GET");
                    overview(exchange, base);
                } else if (path.equals("/task")) {
                    requireMethod(method, "GET");
                    String id = query(exchange.getRequestURI()).getOrDefault("id", "");
                    send(
                            exchange,
                            200,
                            Pages.timeline(base, id, id.isBlank() ? java.util.List.of() : backend.timeline(id)));
                } else if (path.equals("/redeliver")) {
                    requireMethod(method, "POST");
                    redeliver(exchange, base);
                } else {
                    send(exchange, 404, Pages.error("There is no page here."));
                }
            } catch (Refused e) {
                send(exchange, e.status, Pages.error(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("escalation console: {} {} failed", method, path, e);
                send(exchange, 500, Pages.error("The console could not read what it needs; see the host's log."));
            }
        }
    }

    private void overview(HttpExchange exchange, String base) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        Optional<String> operator = authorizer.operator(exchange);
        Instant to = clock.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        String html = Pages.overview(
                base,
                backend.breached(Optional.ofNullable(query.get("after")), pageSize),
                backend.givenUp(Optional.ofNullable(query.get("givenUpAfter")), pageSize),
                backend.compliance(to.minus(Duration.ofDays(complianceDays)), to),
                operator,
                operator.map(tokens::tokenFor));
        send(exchange, 200, html);
    }

    private void redeliver(HttpExchange exchange, String base) throws IOException, Refused {
        Optional<String> operator = authorizer.operator(exchange);
        if (operator.isEmpty()) {
            throw new Refused(403, "You may not redeliver notifications: this console is read-only for you.");
        }
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (origin != null && !sameOrigin(origin, host)) {
            throw new Refused(403, "The request came from another site.");
        }
        Map<String, String> form = form(exchange);
        if (!tokens.valid(operator.get(), form.get("csrf"))) {
            throw new Refused(403, "The form has expired or was not sent by this console; reload the page.");
        }
        String id = form.getOrDefault("id", "");
        if (id.isBlank()) {
            throw new Refused(400, "The form names no notification.");
        }
        String request = form.getOrDefault("request", "");
        if (!REQUEST_ID.matcher(request).matches()) {
            throw new Refused(400, "The form carries no valid request id; reload the page.");
        }
        LOG.info("escalation console: {} asks to redeliver notification {} (request {})", operator.get(), id, request);
        send(exchange, 200, Pages.redelivery(base, backend.redeliver(request, id, operator.get())));
    }

    /** A browser names the page a form came from; "null" (an opaque origin) or another host is refused. */
    private static boolean sameOrigin(String origin, String host) {
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority != null && host != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void requireMethod(String method, String allowed) throws Refused {
        if (!method.equals(allowed)) {
            throw new Refused(405, "This page answers " + allowed + " only.");
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException, Refused {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                throw new Refused(413, "The form is too large.");
            }
            return pairs(new String(body, StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(URI uri) {
        return uri.getRawQuery() == null ? Map.of() : pairs(uri.getRawQuery());
    }

    private static Map<String, String> pairs(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    values.putIfAbsent(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // A malformed escape: the pair is ignored, as if it was not sent.
                }
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/html; charset=utf-8");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" with the form.
        headers.set("Referrer-Policy", "same-origin");
        // No script at all, styles only inline, forms only to this console, never in a frame.
        headers.set(
                "Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A request the console answers with an error status and a sentence. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** Options of an {@link EscalationConsole}; each setter validates at once. */
    public static final class Builder {
        private final ConsoleBackend backend;
        private Clock clock = Clock.system();
        private ConsoleAuthorizer authorizer = ConsoleAuthorizer.readOnly();
        private int pageSize = 50;
        private int complianceDays = 28;

        private Builder(ConsoleBackend backend) {
            this.backend = backend;
        }

        /**
         * The clock that ends the compliance chart's range. Default: the system clock.
         *
         * @param value the clock
         * @return this builder
         * @throws IllegalArgumentException when the clock is missing
         */
        public Builder clock(Clock value) {
            this.clock = Require.present("clock", value);
            return this;
        }

        /**
         * Who may act. Default: {@link ConsoleAuthorizer#readOnly()}, nobody.
         *
         * @param value the host's check
         * @return this builder
         * @throws IllegalArgumentException when the authorizer is missing
         */
        public Builder authorizer(ConsoleAuthorizer value) {
            this.authorizer = Require.present("authorizer", value);
            return this;
        }

        /**
         * Rows per list page. Default 50.
         *
         * @param value rows, from 1 to 1,000
         * @return this builder
         * @throws IllegalArgumentException when the value is outside 1 to 1,000
         */
        public Builder pageSize(int value) {
            if (value < 1 || value > 1_000) {
                throw new IllegalArgumentException("pageSize must be between 1 and 1000, but was " + value);
            }
            this.pageSize = value;
            return this;
        }

        /**
         * Days the compliance chart covers, ending with today (UTC). Default 28.
         *
         * @param value days, from 1 to 366
         * @return this builder
         * @throws IllegalArgumentException when the value is outside 1 to 366
         */
        public Builder complianceDays(int value) {
            if (value < 1 || value > 366) {
                throw new IllegalArgumentException("complianceDays must be between 1 and 366, but was " + value);
            }
            this.complianceDays = value;
            return this;
        }

        /**
         * The console.
         *
         * @return the handler to mount
         */
        public EscalationConsole build() {
            return new EscalationConsole(this);
        }
    }
}
