package dev.escalation.examples.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.EscalationEngine;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.notification.RecordingNotifier;
import dev.escalation.core.time.ManualClock;
import dev.escalation.micrometer.EscalationMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The demo the README runs: a realistic approval workload driven through the real engine on a
 * {@link ManualClock}, then a timeline, a table per stage, the run figures, and files: the audit
 * trail as JSON lines and a self-contained HTML report.
 */
public final class Demo {

    private Demo() {}

    public static void main(String[] args) throws Exception {
        Run run = start(System.out, System.err, args);
        if (run.console().isPresent()) {
            DemoConsole console = run.console().get();
            // Ctrl-C: the JVM runs its shutdown hooks; the console stops and the pool closes.
            Runtime.getRuntime().addShutdownHook(new Thread(console::close, "demo-console-stop"));
            console.awaitClose();
        }
        if (run.status() != 0) {
            System.exit(run.status());
        }
    }

    /**
     * What a run came to: its exit code (2 for bad arguments, 1 for a database holding an earlier run)
     * and, with {@code --console}, the console still serving, which the caller closes.
     */
    record Run(int status, Optional<DemoConsole> console) {}

    /** Runs the demo; returns the process exit code (2 for bad arguments, 1 for a database holding an earlier run). */
    static int run(PrintStream out, PrintStream err, String... args) throws IOException {
        Run run = start(out, err, args);
        run.console().ifPresent(DemoConsole::close);
        return run.status();
    }

    /** Runs the demo; with {@code --console} it returns with the console serving over its database. */
    static Run start(PrintStream out, PrintStream err, String... args) throws IOException {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (DemoOptions.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                err.println("error: " + e.getMessage());
            }
            err.println(DemoOptions.USAGE);
            return new Run(e.getMessage().isEmpty() ? 0 : 2, Optional.empty());
        }
        ManualClock clock = ManualClock.at(Simulation.START);
        String url = options.jdbcUrl().isPresent()
                ? options.jdbcUrl().get()
                : DemoBackend.freshEmbeddedDatabase(options.out());
        DemoBackend backend;
        try {
            backend = new DemoBackend(url, options.reset(), clock);
        } catch (DemoBackend.EarlierRunException e) {
            err.println("error: " + e.getMessage());
            return new Run(1, Optional.empty());
        }
        boolean handedOver = false;
        try {
            RecordingNotifier notifier = new RecordingNotifier();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            EscalationEngine.Builder builder = EscalationEngine.builder()
                    .repository(backend.repository())
                    .policies(Scenario.policies())
                    .targets(Scenario.orgChart())
                    .notifier(notifier);
            EscalationMetrics.attach(builder, registry);
            EscalationEngine engine = builder.build();
            Simulation.Result result = new Simulation(options, backend, clock).run(engine);
            List<AuditEntry> trail = backend.auditTrail();
            List<StageSummary> stages = StageSummary.of(result.planned(), trail);
            new ConsoleReport(out).print(options, backend.description(), backend.tables(), result, trail, stages);
            writeFiles(options, out, result, trail, stages, registry.scrape());
            out.printf(
                    "%nLook into its database with the command-line tool (docs/cli.md), as of the simulation's end:%n"
                            + "  java -jar escalation-cli/target/escalation-cli.jar status --jdbc-url %s"
                            + " --table-prefix %s --at %s%n",
                    backend.maskedUrl(), DemoBackend.TABLE_PREFIX, result.end());
            if (options.console().isEmpty()) {
                return new Run(0, Optional.empty());
            }
            DemoConsole console =
                    DemoConsole.start(backend, engine, clock, options.console().getAsInt());
            handedOver = true;
            out.printf(
                    "%nConsole: %s (as of the simulation's end; %s may redeliver). Stop it with Ctrl-C.%n",
                    console.url(), DemoConsole.OPERATOR);
            return new Run(0, Optional.of(console));
        } finally {
            if (!handedOver) {
                backend.close();
            }
        }
    }

    private static void writeFiles(
            DemoOptions options,
            PrintStream out,
            Simulation.Result result,
            List<AuditEntry> trail,
            List<StageSummary> stages,
            String scrape)
            throws IOException {
        Files.createDirectories(options.out());
        ObjectMapper json = new ObjectMapper();
        try (Writer w = Files.newBufferedWriter(options.out().resolve("audit.jsonl"), StandardCharsets.UTF_8)) {
            for (AuditEntry entry : trail) {
                w.write(json.writeValueAsString(entry));
                w.write('\n');
            }
        }
        Files.writeString(
                options.out().resolve("report.html"),
                HtmlReport.render(options, result, stages),
                StandardCharsets.UTF_8);
        Files.writeString(options.out().resolve("metrics.prom"), scrape, StandardCharsets.UTF_8);
        out.printf(
                "%nFiles in %s: audit.jsonl (%d entries), metrics.prom (Prometheus scrape), report.html (chart)%n",
                options.out().toAbsolutePath(), trail.size());
    }
}
