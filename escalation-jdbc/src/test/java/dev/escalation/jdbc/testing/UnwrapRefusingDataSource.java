package dev.escalation.jdbc.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import javax.sql.DataSource;

/**
 * A {@link DataSource} around a real one whose connections wrap nothing as far as their callers can
 * tell: {@code isWrapperFor} is false and {@code unwrap} fails, as with a pool or a proxy that cannot
 * unwrap to the driver's connection. Every other call goes to the real connection: nothing is mocked.
 */
public final class UnwrapRefusingDataSource extends ForwardingDataSource {

    public UnwrapRefusingDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection real = target.getConnection();
        return (Connection) Proxy.newProxyInstance(
                UnwrapRefusingDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, m, args) -> {
                    switch (m.getName()) {
                        case "isWrapperFor":
                            return false;
                        case "unwrap":
                            throw new SQLFeatureNotSupportedException("this pool cannot unwrap its connections");
                        default:
                            try {
                                return m.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }
}
