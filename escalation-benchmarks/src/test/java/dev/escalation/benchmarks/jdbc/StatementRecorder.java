package dev.escalation.benchmarks.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/** A {@link DataSource} around a real one that notes the text of every statement prepared through it, and counts commits. */
final class StatementRecorder {

    private final Set<String> statements = new ConcurrentSkipListSet<>();
    private final AtomicInteger commits = new AtomicInteger();

    /** {@code target}, with every {@code prepareStatement(sql, ...)} noted and every {@code commit()} counted. */
    DataSource around(DataSource target) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection connection ? recording(connection) : result;
        };
        return (DataSource)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class}, handler);
    }

    /** The distinct statement texts prepared so far. */
    Set<String> statements() {
        return Set.copyOf(statements);
    }

    /** The commits so far. */
    int commits() {
        return commits.get();
    }

    private Connection recording(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("prepareStatement")) {
                statements.add((String) args[0]);
            } else if (method.getName().equals("commit")) {
                commits.incrementAndGet();
            }
            return invoke(connection, method, args);
        };
        return (Connection)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
