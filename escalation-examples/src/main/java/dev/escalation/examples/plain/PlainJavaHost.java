package dev.escalation.examples.plain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.EscalationRunException;
import dev.escalation.core.RunReport;
import dev.escalation.core.notification.LoggingNotifier;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.time.Clock;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.micrometer.EscalationMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plain Java host: a HikariCP pool, the JDBC store, a {@link ScheduledExecutorService} that
 * calls {@link EscalationEngine#runOnce()} every interval, and a JDK {@link HttpServer} with the
 * original job's two endpoints: {@code /metrics} (Prometheus) and {@code /report} (the last
 * {@link RunReport} as JSON). {@link #close()} shuts it all down gracefully: the current run
 * finishes, no new one starts.
 *
 * <pre>{@code
 * try (PlainJavaHost host = PlainJavaHost.start(jdbcUrl, policies, orgChart, Duration.ofMinutes(1), 8080)) {
 *     Runtime.getRuntime().addShutdownHook(new Thread(host::close));
 *     host.awaitTermination();
 * }
 * }</pre>
 */
public final class PlainJavaHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlainJavaHost.class);

    private final HikariDataSource dataSource;
    private final JdbcEscalationStore store;
    private final EscalationEngine engine;
    private final PrometheusMeterRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final HttpServer http;
    private final AtomicReference<RunReport> lastReport = new AtomicReference<>();
    private final ObjectMapper json = new ObjectMapper();

    private PlainJavaHost(
            String jdbcUrl, PolicyResolver policies, TargetResolver targets, Clock clock, Duration interval, int port)
            throws IOException {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setMaximumPoolSize(4);
        pool.setPoolName("escalation");
        this.dataSource = new HikariDataSource(pool);
        this.store = JdbcEscalationStore.builder(dataSource).clock(clock).build();
        store.createSchema();
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EscalationEngine.Builder builder = EscalationEngine.builder()
                .repository(store.repository())
                .policies(policies)
                .targets(targets)
                .notifier(new LoggingNotifier());
        EscalationMetrics.attach(builder, registry);
        this.engine = builder.build();
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        http.createContext(
                "/metrics",
                exchange -> respond(exchange, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        http.createContext(
                "/report",
                exchange -> respond(
                        exchange,
                        "application/json",
                        Optional.ofNullable(lastReport.get()).map(this::toJson).orElse("{}")));
        http.start();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "escalation-runner");
            t.setDaemon(true);
            return t;
        });
        // runOnce() catches every exception, so the future never holds one to look at.
        ScheduledFuture<?> unused = scheduler.scheduleWithFixedDelay(
                this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the pool, the schema, the scheduler and the HTTP endpoints; port 0 picks a free port. */
    public static PlainJavaHost start(
            String jdbcUrl, PolicyResolver policies, TargetResolver targets, Clock clock, Duration interval, int port)
            throws IOException {
        return new PlainJavaHost(jdbcUrl, policies, targets, clock, interval, port);
    }

    /** One scheduled run; a failure is logged and counted by the metrics, and the next run tries again. */
    RunReport runOnce() {
        try {
            RunReport report = engine.runOnce();
            lastReport.set(report);
            return report;
        } catch (EscalationRunException e) {
            LOG.error("escalation run {} failed; the next run retries", e.runId(), e);
            return null;
        } catch (RuntimeException e) {
            // Never let an exception escape: a ScheduledExecutorService silently stops a task that throws.
            LOG.error("unexpected failure in the escalation run", e);
            return null;
        }
    }

    public JdbcEscalationStore store() {
        return store;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** Blocks until {@link #close()} has stopped the scheduler. */
    public void awaitTermination() throws InterruptedException {
        scheduler.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("escalation run did not finish within 30 s; interrupting it");
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        http.stop(0);
        registry.close();
        dataSource.close();
    }

    private String toJson(RunReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (IOException e) {
            throw new IllegalStateException("RunReport is not serializable", e);
        }
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
