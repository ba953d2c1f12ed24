package dev.escalation.jdbc.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * A {@link DataSource} around a real one, built from {@link Proxy}s over {@link Connection},
 * {@link Statement}/{@link PreparedStatement} and {@link ResultSet}, that
 * <ul>
 *   <li>fails the next execution of a statement whose SQL matches, once ({@link #failNext});
 *   <li>closes the real connection under a matching statement, as a dropped network would ({@link #dropConnectionAt});
 *   <li>drops a random share of its connections, each at a random one of its first statements ({@link #dropRandomly});
 *   <li>hands out connections with auto-commit off, if asked ({@link #autoCommit});
 *   <li>counts what was opened and what was closed, to prove that nothing leaks.
 * </ul>
 * Real JDBC underneath: nothing is mocked.
 */
public final class FaultyDataSource extends ForwardingDataSource {

    private static final Set<String> EXECUTIONS = Set.of(
            "execute", "executeQuery", "executeUpdate", "executeBatch", "executeLargeUpdate", "executeLargeBatch");

    private final AtomicReference<Fault> fault = new AtomicReference<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger faultsFired = new AtomicInteger();
    private final AtomicInteger returnedChanged = new AtomicInteger();
    private volatile Boolean autoCommit;
    private volatile double dropShare;
    private volatile java.util.Random dropRandom;

    public FaultyDataSource(DataSource target) {
        super(target);
    }

    private record Fault(Predicate<String> sql, boolean drop) {}

    /** The next statement whose SQL contains {@code fragment} fails with an SQLException instead of running. */
    public FaultyDataSource failNext(String fragment) {
        fault.set(new Fault(sql -> sql.contains(fragment), false));
        return this;
    }

    /** The next statement whose SQL contains {@code fragment} finds its connection closed under it. */
    public FaultyDataSource dropConnectionAt(String fragment) {
        fault.set(new Fault(sql -> sql.contains(fragment), true));
        return this;
    }

    /**
     * From now on, each connection is dropped with probability {@code share}, under one of its first
     * four statements (chosen by {@code random}); 0 stops it.
     */
    public FaultyDataSource dropRandomly(double share, java.util.Random random) {
        this.dropRandom = random;
        this.dropShare = share;
        return this;
    }

    /** Connections come out with this auto-commit setting instead of the driver's. */
    public FaultyDataSource autoCommit(boolean value) {
        this.autoCommit = value;
        return this;
    }

    /** Resources opened (connections, statements, result sets) minus those closed. */
    public int openResources() {
        return opened.get() - closed.get();
    }

    public int resourcesOpened() {
        return opened.get();
    }

    /** Connections whose auto-commit setting at close differed from the one they were handed out with. */
    public int connectionsReturnedChanged() {
        return returnedChanged.get();
    }

    public int faultsFired() {
        return faultsFired.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection = target.getConnection();
        if (autoCommit != null) {
            connection.setAutoCommit(autoCommit);
        }
        int dropAt = 0;
        java.util.Random random = dropRandom;
        if (dropShare > 0 && random != null) {
            synchronized (random) {
                dropAt = random.nextDouble() < dropShare ? 1 + random.nextInt(4) : 0;
            }
        }
        return wrap(Connection.class, connection, null, new AtomicInteger(dropAt));
    }

    private <T> T wrap(Class<T> type, T real, String sql, AtomicInteger dropAt) throws SQLException {
        opened.incrementAndGet();
        InvocationHandler handler = new Handler(real, sql, dropAt);
        return type.cast(
                Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private final class Handler implements InvocationHandler {
        private final Object real;
        private final String sql;
        private final boolean initialAutoCommit;
        /** Counts down the statements of this handler's connection to the one it is dropped under; 0: never. */
        private final AtomicInteger dropAt;

        private boolean isClosed;

        Handler(Object real, String sql, AtomicInteger dropAt) throws SQLException {
            this.real = real;
            this.sql = sql;
            this.dropAt = dropAt;
            this.initialAutoCommit = real instanceof Connection c && c.getAutoCommit();
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close") && !isClosed) {
                isClosed = true;
                closed.incrementAndGet();
                if (real instanceof Connection c && !c.isClosed() && c.getAutoCommit() != initialAutoCommit) {
                    returnedChanged.incrementAndGet();
                }
            }
            if (EXECUTIONS.contains(name)) {
                String statementSql =
                        sql != null ? sql : args != null && args.length > 0 && args[0] instanceof String s ? s : "";
                injectFault(statementSql);
            }
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof PreparedStatement ps && name.startsWith("prepare")) {
                return wrap(PreparedStatement.class, ps, (String) args[0], dropAt);
            }
            if (result instanceof Statement s && name.equals("createStatement")) {
                return wrap(Statement.class, s, null, dropAt);
            }
            if (result instanceof ResultSet rs) {
                return wrap(ResultSet.class, rs, null, dropAt);
            }
            return result;
        }

        private void injectFault(String statementSql) throws SQLException {
            if (dropAt.get() > 0 && dropAt.decrementAndGet() == 0) {
                faultsFired.incrementAndGet();
                drop(statementSql);
            }
            Fault f = fault.get();
            if (f == null || !f.sql().test(statementSql) || !fault.compareAndSet(f, null)) {
                return;
            }
            faultsFired.incrementAndGet();
            if (f.drop()) {
                drop(statementSql);
            }
            throw new SQLException("injected failure on: " + statementSql, "XX000");
        }

        private void drop(String statementSql) throws SQLException {
            Connection connection = real instanceof Statement s ? s.getConnection() : (Connection) real;
            // Close the physical connection, not a pool's handle (which would only return it to the pool).
            connection.unwrap(Connection.class).close();
            throw new SQLTransientConnectionException("connection dropped under: " + statementSql, "08006");
        }
    }

    /** The real data source's unwrapping, as before this class shared its forwarding. */
    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return target.unwrap(iface);
    }
}
