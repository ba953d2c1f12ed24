package dev.escalation.cli;

import dev.escalation.core.time.Clock;
import dev.escalation.jdbc.EscalationStoreException;
import dev.escalation.jdbc.JdbcEscalationStore;
import dev.escalation.jdbc.SchemaOptions;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The database a command reads, as a plain {@link DataSource} over {@link DriverManager}: a
 * command-line tool opens a few connections and exits, so it has no pool (and no pool's threads).
 * An H2 URL opens only a database that exists ({@code IFEXISTS=TRUE}): a mistyped file name would
 * otherwise create an empty database and report that it holds no tasks.
 */
final class Database implements DataSource, AutoCloseable {

    /** Skew within this is not logged as a warning; status prints it anyway. */
    private static final Duration SKEW_TOLERANCE = Duration.ofSeconds(30);

    private final String url;
    private final Properties credentials = new Properties();
    /**
     * A connection held while the command runs: an embedded H2 file database closes when its last
     * connection does, and would otherwise be reopened for every transaction.
     */
    private Connection held;

    Database(String url, Optional<String> user, Optional<String> password) {
        this.url = onlyExisting(url);
        user.ifPresent(u -> credentials.setProperty("user", u));
        password.ifPresent(p -> credentials.setProperty("password", p));
    }

    /**
     * The store on this database, its clock this machine's, measured against the database's. Fails
     * with an {@link EscalationStoreException} when no connection can be had.
     */
    JdbcEscalationStore store(SchemaOptions schema, Clock clock) {
        try {
            // Connects once up front, so that a bad URL or password is reported as such.
            held = getConnection();
        } catch (SQLException e) {
            throw new EscalationStoreException("cannot connect to " + masked(url), e);
        }
        return JdbcEscalationStore.builder(this)
                .schemaOptions(schema)
                .clock(clock)
                .clockSkewTolerance(SKEW_TOLERANCE)
                .build();
    }

    @Override
    public void close() {
        if (held != null) {
            try {
                held.close();
            } catch (SQLException e) {
                throw new EscalationStoreException("cannot close the connection to " + masked(url), e);
            }
        }
    }

    /** The message of a failure and of its causes, without the URL's password. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !text.toString().contains(message)) {
                text.append(": ").append(message);
            }
        }
        return masked(text.toString());
    }

    static String masked(String text) {
        return text.replaceAll("(?i)(password=)[^;&\\s]*", "$1***");
    }

    private static String onlyExisting(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:") && !lower.contains("ifexists=")) {
            return url + ";IFEXISTS=TRUE";
        }
        return url;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }

    @Override
    public Connection getConnection(String username, String secret) throws SQLException {
        return DriverManager.getConnection(url, username, secret);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // DriverManager's own log writer applies.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        DriverManager.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return DriverManager.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
