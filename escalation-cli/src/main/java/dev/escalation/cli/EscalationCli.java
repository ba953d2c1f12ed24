package dev.escalation.cli;

import dev.escalation.core.time.Clock;
import dev.escalation.jdbc.EscalationStoreException;
import dev.escalation.jdbc.SchemaOptions;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The operator's command-line tool: {@code java -jar escalation-cli.jar <command> --jdbc-url URL}.
 * The global options say which database and which tables to read; each command is one class, listed
 * in {@link #commands()}. Exit codes: {@value #OK} ok, {@value #CHECK_FAILED} a check failed,
 * {@value #USAGE} usage error, {@value #DATABASE_ERROR} cannot connect or a database error.
 */
@Command(
        name = "escalation",
        mixinStandardHelpOptions = true,
        version = "escalation-cli 0.1.0-SNAPSHOT",
        description = "Looks at what the escalation engine is doing, in the database it shares with its hosts.",
        subcommandsRepeatable = false,
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            EscalationCli.OK + ":success",
            EscalationCli.CHECK_FAILED + ":a check failed: a broken audit chain, or a breach (--fail-on-breach)",
            EscalationCli.USAGE + ":usage error: an unknown, missing or bad option",
            EscalationCli.DATABASE_ERROR + ":cannot connect, or the database reported an error"
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  ESCALATION_JDBC_URL   the default of --jdbc-url",
            "  ESCALATION_USER       the default of --user",
            "  ESCALATION_PASSWORD   the default of --password",
            "",
            "Run 'escalation COMMAND --help' for a command's own options."
        })
public final class EscalationCli implements Runnable {

    /** Exit code: the command did what was asked and every check passed. */
    public static final int OK = 0;
    /** Exit code: the command ran, and a check it makes failed (a broken audit chain, a breached task). */
    public static final int CHECK_FAILED = 1;
    /** Exit code: an unknown, missing or bad option (picocli's usage error). */
    public static final int USAGE = 2;
    /** Exit code: the database could not be reached, or it reported an error. */
    public static final int DATABASE_ERROR = 3;

    private final Clock clock;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            scope = ScopeType.INHERIT,
            description = "the database, e.g. jdbc:postgresql://db/app or jdbc:h2:file:./demo-output/escalation"
                    + " (default: $ESCALATION_JDBC_URL)")
    private String jdbcUrl;

    @Option(
            names = "--user",
            paramLabel = "NAME",
            scope = ScopeType.INHERIT,
            description = "the database user (default: $ESCALATION_USER, or the URL's)")
    private String user;

    @Option(
            names = "--password",
            paramLabel = "SECRET",
            scope = ScopeType.INHERIT,
            description = "the database password (default: $ESCALATION_PASSWORD, or the URL's);"
                    + " prefer the variable, other users can read a command line")
    private String password;

    @Option(
            names = "--schema",
            paramLabel = "NAME",
            scope = ScopeType.INHERIT,
            converter = SchemaConverter.class,
            description = "the schema of the store's tables (default: the connection's current schema)")
    private String schema;

    @Option(
            names = "--table-prefix",
            paramLabel = "PREFIX",
            scope = ScopeType.INHERIT,
            converter = PrefixConverter.class,
            description = "the prefix of the store's tables (default: " + SchemaOptions.DEFAULT_TABLE_PREFIX
                    + "; the demo's is escalation_demo_)")
    private String tablePrefix;

    @Option(
            names = "--tenant",
            paramLabel = "TENANT",
            scope = ScopeType.INHERIT,
            description = "only this tenant's tasks, notifications and audit chain (default: all)")
    private String tenant;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print JSON instead of text")
    private boolean json;

    private EscalationCli(Clock clock) {
        this.clock = clock;
    }

    /**
     * Runs the tool and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        Charset charset = Charset.defaultCharset();
        int code = run(
                Clock.system(),
                System.getenv(),
                new PrintWriter(System.out, true, charset),
                new PrintWriter(System.err, true, charset),
                args);
        System.exit(code);
    }

    /**
     * Runs one command line, writing to {@code out} and {@code err}; what {@link #main} does, for
     * tests and for hosts that embed the tool.
     *
     * @param clock       this machine's clock
     * @param environment the process environment
     * @param out         where results go
     * @param err         where errors and usage go
     * @param args        the command line
     * @return the exit code
     */
    public static int run(
            Clock clock, Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new EscalationCli(clock));
        Map<String, String> exitCodes = cli.getCommandSpec().usageMessage().exitCodeList();
        for (Object command : commands()) {
            cli.addSubcommand(command);
        }
        // Every command's --help lists the exit codes, written once above.
        for (CommandLine command : cli.getSubcommands().values()) {
            command.getCommandSpec()
                    .usageMessage()
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(exitCodes);
        }
        cli.setOut(out);
        cli.setErr(err);
        // --period week, as a shell user types it, for the enum WEEK.
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setDefaultValueProvider(new EnvironmentDefaults(Map.copyOf(environment)));
        cli.setExecutionExceptionHandler(EscalationCli::failed);
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The commands, one class each; a new command is a class and a line here. */
    static List<Object> commands() {
        return List.of(
                new StatusCommand(),
                new BreachedCommand(),
                new ExplainCommand(),
                new AuditCommand(),
                new RedeliverCommand(),
                new PausePolicyCommand(),
                new ResumePolicyCommand(),
                new ReportCommand(),
                new VerifyAuditCommand());
    }

    /** Without a command: the usage, as a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing required command");
    }

    /** Opens the store the global options name; the caller's command runs on it. */
    Session open(CommandSpec command) {
        String url = Optional.ofNullable(jdbcUrl)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        command.commandLine(), "Missing required option: '--jdbc-url=URL' (or ESCALATION_JDBC_URL)"));
        SchemaOptions options = SchemaOptions.defaults();
        if (schema != null) {
            options = options.withSchema(schema);
        }
        if (tablePrefix != null) {
            options = options.withTablePrefix(tablePrefix);
        }
        Database database = new Database(url, Optional.ofNullable(user), Optional.ofNullable(password));
        try {
            return new Session(
                    database.store(options, clock), database, clock, Optional.ofNullable(tenant), json, command);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** A database error ends with exit code 3 and its message, never a stack trace. */
    private static int failed(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof EscalationStoreException) {
            command.getErr().println("error: " + Database.describe(e));
            return DATABASE_ERROR;
        }
        throw e;
    }

    /** Checks --schema as the store would, so that a bad name is a usage error that names it. */
    static final class SchemaConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return SchemaOptions.defaults().withSchema(value).schema().orElseThrow();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Checks --table-prefix as the store would. */
    static final class PrefixConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                return SchemaOptions.defaults().withTablePrefix(value).tablePrefix();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
