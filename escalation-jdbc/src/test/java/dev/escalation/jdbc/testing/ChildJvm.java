package dev.escalation.jdbc.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for the crash tests, which kill it with SIGKILL: it runs {@code main} on this JVM's
 * java and class path, in yet another time zone, says {@code READY} on stdout once it has started,
 * and then tells the test where it is, one line at a time; its stderr goes to a log file, quoted by
 * every failure. Each line is awaited for at most {@link #LINE_TIMEOUT}.
 */
public final class ChildJvm implements AutoCloseable {

    public static final Duration LINE_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final BufferedReader out;
    private final Path log;
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    private ChildJvm(Process process, Path log) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.log = log;
    }

    /** Starts {@code main} with {@code args} and waits for its {@code READY}. */
    public static ChildJvm start(Path log, Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-Duser.timezone=Asia/Kathmandu",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(log.toFile());
        ChildJvm child = new ChildJvm(builder.start(), log);
        String first = child.nextLine();
        if (!"READY".equals(first)) {
            throw new AssertionError("the child did not start (" + first + "), exit "
                    + (child.process.waitFor(30, TimeUnit.SECONDS) ? child.process.exitValue() : "none")
                    + "; its log: " + child.log());
        }
        return child;
    }

    /** The URL a child reaches the tests' embedded PostgreSQL server with. */
    public static String postgresUrl() {
        return "jdbc:postgresql://localhost:"
                + TestDatabase.postgresDataSource().getPortNumbers()[0] + "/postgres?user=postgres";
    }

    /** The next line the child prints; null once it has ended. */
    public String nextLine() {
        Future<String> line = reader.submit(out::readLine);
        try {
            return line.get(LINE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no line from the child within " + LINE_TIMEOUT + "; its log: " + log(), e);
        }
    }

    /** Kills the child with SIGKILL and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed child is still there; its log: " + log());
        }
    }

    /** Waits for the child to end by itself; returns its exit value. */
    public int exitValue(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the child did not end within " + within + "; its log: " + log());
        }
        return process.exitValue();
    }

    /** What the child wrote to stderr so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        reader.shutdownNow();
    }
}
