package dev.escalation.jdbc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real Citus cluster (a coordinator and two workers on localhost) for the {@code citus} tests,
 * started once per JVM through the shared {@code citus-cluster} script on its own port and directory,
 * and stopped when the JVM exits. {@code -Dcitus.url=jdbc:postgresql://...} uses a running cluster
 * instead; {@code -Dcitus.port} (default 9750) and {@code -Dcitus.script} override the defaults.
 */
public final class CitusCluster {

    private static final long START_TIMEOUT_SECONDS = 300;
    private static PGSimpleDataSource coordinator;
    private static String url;

    private CitusCluster() {}

    /** The coordinator's database {@code escalation}, the cluster started on first use. */
    public static synchronized PGSimpleDataSource coordinator() {
        if (coordinator == null) {
            String configured = System.getProperty("citus.url");
            url = configured == null || configured.isBlank() ? start() : configured;
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            coordinator = ds;
        }
        return coordinator;
    }

    /** The coordinator's JDBC URL with its user, as a child process needs it (the data source's URL leaves the user out). */
    public static synchronized String url() {
        coordinator();
        return url;
    }

    private static String start() {
        Path script = script();
        String port = System.getProperty("citus.port", "9750");
        String dir = "/tmp/escalation-citus-test-" + port;
        String out = run(List.of(script.toString(), "start", "--dir", dir, "--port", port));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> run(List.of(script.toString(), "stop", "--dir", dir))));
        List<String> lines = out.lines().filter(l -> l.startsWith("jdbc:")).toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("citus-cluster start printed no JDBC URL: " + out);
        }
        return lines.get(lines.size() - 1);
    }

    /** {@code citus.script}, else {@code shared/citus/citus-cluster} beside the repository or in /work/shared. */
    private static Path script() {
        String configured = System.getProperty("citus.script");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path repository = Path.of("").toAbsolutePath();
        for (Path p = repository; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared").resolve("citus").resolve("citus-cluster");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Path shared = Path.of("/work/shared/citus/citus-cluster");
        if (Files.isExecutable(shared)) {
            return shared;
        }
        throw new IllegalStateException("no citus-cluster script found; set -Dcitus.script or -Dcitus.url");
    }

    private static String run(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(START_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
