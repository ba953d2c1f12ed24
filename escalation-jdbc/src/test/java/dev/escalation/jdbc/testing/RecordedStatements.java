package dev.escalation.jdbc.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Every SQL text the store prepared, with the parameters bound for its first execution: a data source
 * that passes every call through to a real one and takes notes on the way (the statements of the
 * routing test come from the store itself, so that none can be left out of a hand-written list).
 */
public final class RecordedStatements {

    /** A parameter set with {@code method} ({@code setString}, {@code setObject}, ...) and its arguments after the index. */
    public record Parameter(String method, Class<?>[] types, Object[] values) {}

    private final Map<String, List<Parameter>> statements = new ConcurrentHashMap<>();

    /** {@code source}, recording into this. */
    public DataSource wrap(DataSource source) {
        return proxy(DataSource.class, source, (target, method, args) -> {
            Object result = invoke(method, target, args);
            return result instanceof Connection c ? connection(c) : result;
        });
    }

    /** The statements seen so far, by SQL text, each with its first execution's parameters by index (from 1). */
    public Map<String, List<Parameter>> statements() {
        return Map.copyOf(statements);
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            Object result = invoke(method, target, args);
            if (result instanceof PreparedStatement ps && method.getName().equals("prepareStatement")) {
                return statement(ps, (String) args[0]);
            }
            return result;
        });
    }

    private PreparedStatement statement(PreparedStatement statement, String sql) {
        List<Parameter> parameters = new ArrayList<>();
        boolean[] done = {statements.containsKey(sql)};
        return proxy(PreparedStatement.class, statement, (target, method, args) -> {
            String name = method.getName();
            if (!done[0]
                    && name.startsWith("set")
                    && args != null
                    && args.length >= 2
                    && args[0] instanceof Integer i) {
                while (parameters.size() < i) {
                    parameters.add(null);
                }
                Class<?>[] types = java.util.Arrays.copyOfRange(method.getParameterTypes(), 1, args.length);
                parameters.set(i - 1, new Parameter(name, types, java.util.Arrays.copyOfRange(args, 1, args.length)));
            }
            if (!done[0] && (name.startsWith("execute") || name.equals("addBatch"))) {
                statements.putIfAbsent(sql, List.copyOf(parameters));
                done[0] = true;
            }
            return invoke(method, target, args);
        });
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler h = (p, method, args) -> handler.handle(target, method, args);
        return type.cast(Proxy.newProxyInstance(RecordedStatements.class.getClassLoader(), new Class<?>[] {type}, h));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
