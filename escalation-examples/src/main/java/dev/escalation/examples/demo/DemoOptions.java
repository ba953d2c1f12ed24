package dev.escalation.examples.demo;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The demo's command-line options. Bad input gets a usage message and exit code 2.
 *
 * @param seed    random seed: the same seed gives the same run
 * @param tasks   how many approval tasks arrive over the simulation
 * @param days    simulated days
 * @param jdbcUrl a JDBC URL to run on instead of the embedded default (e.g. a PostgreSQL)
 * @param reset   drop the demo's tables before the run, so it can run again on the same database
 * @param out     where the audit trail, scrape and HTML report go
 * @param console the port to serve the operator console on after the run, if asked (0: any free port)
 */
record DemoOptions(
        long seed, int tasks, int days, Optional<String> jdbcUrl, boolean reset, Path out, OptionalInt console) {

    static final int DEFAULT_CONSOLE_PORT = 8081;

    static final String USAGE = String.join(
            System.lineSeparator(),
            "usage: demo [--seed N] [--tasks N] [--days N] [--jdbc-url URL [--reset]] [--out DIR] [--console [--console-port N]]",
            "  --seed N        random seed (default 42)",
            "  --tasks N       approval tasks to simulate, 1..100000 (default 300)",
            "  --days N        simulated days, 1..365 (default 14)",
            "  --jdbc-url URL  database to run on (default: embedded H2 in DIR/escalation.mv.db, made anew each run)",
            "  --reset         drop the demo's tables (" + DemoBackend.TABLE_PREFIX + "*) left by an earlier run first",
            "  --out DIR       output folder (default demo-output)",
            "  --console       after the run, serve the operator console on the demo's database until",
            "                  interrupted (Ctrl-C)",
            "  --console-port N  the console's port on localhost, 0..65535 (default " + DEFAULT_CONSOLE_PORT
                    + "; 0: any free port)");

    /** Thrown for bad arguments; the message says which. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static DemoOptions parse(String... args) throws UsageException {
        long seed = 42;
        int tasks = 300;
        int days = 14;
        Optional<String> jdbcUrl = Optional.empty();
        boolean reset = false;
        Path out = Path.of("demo-output");
        boolean console = false;
        int consolePort = DEFAULT_CONSOLE_PORT;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new UsageException("");
            }
            if (name.equals("--reset")) {
                reset = true;
                continue;
            }
            if (name.equals("--console")) {
                console = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new UsageException("option " + name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--seed":
                    seed = number(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
                    break;
                case "--tasks":
                    tasks = (int) number(name, value, 1, 100_000);
                    break;
                case "--days":
                    days = (int) number(name, value, 1, 365);
                    break;
                case "--jdbc-url":
                    jdbcUrl = Optional.of(value);
                    break;
                case "--console-port":
                    consolePort = (int) number(name, value, 0, 65_535);
                    break;
                case "--out":
                    out = Path.of(value);
                    break;
                default:
                    throw new UsageException("unknown option " + name);
            }
        }
        return new DemoOptions(
                seed, tasks, days, jdbcUrl, reset, out, console ? OptionalInt.of(consolePort) : OptionalInt.empty());
    }

    private static long number(String name, String value, long min, long max) throws UsageException {
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw new UsageException(name + " must be between " + min + " and " + max + ", but was " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a whole number, but was '" + value + "'");
        }
    }
}
