package dev.escalation.jdbc.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the store says to PostgreSQL, counted on the wire: a relay between the driver and the server
 * that reads the frontend protocol's messages as they pass. A round trip is a {@code Sync} (the end
 * of an extended-protocol exchange, after which the driver waits for the server) or a simple
 * {@code Query} other than {@code BEGIN} (which PostgreSQL's driver writes in front of a
 * transaction's first statement and does not wait for); a commit is an executed {@code COMMIT}; a statement is any other executed one except
 * {@code BEGIN} (the driver sends {@code BEGIN} in the same round trip as the statement after it).
 * Counting the wire rather than JDBC calls catches the driver's own round trips too, such as the
 * {@code SHOW TRANSACTION ISOLATION LEVEL} behind {@link Connection#getTransactionIsolation()}.
 *
 * <p>{@link #dataSource()} hands out ONE physical connection, so that no pool's validation query
 * (timed by the wall clock) blurs the counts; it refuses a second borrower while the first holds it,
 * so a store that takes a second connection inside a transaction fails the test instead of sharing one.
 */
public final class WireCounts implements AutoCloseable {

    /** Counts at one moment; subtract two with {@link #since}. */
    public record Counts(long roundTrips, long commits, long statements) {
        /** What happened between {@code earlier} and this. */
        public Counts since(Counts earlier) {
            return new Counts(
                    roundTrips - earlier.roundTrips, commits - earlier.commits, statements - earlier.statements);
        }
    }

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final ServerSocket listener;
    private final int serverPort;
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong statements = new AtomicLong();
    private final List<Socket> sockets = new ArrayList<>();
    private final Connection connection;
    private final AtomicBoolean borrowed = new AtomicBoolean();
    /** Each round trip's statements, in order, for failure messages. */
    private final List<String> transcript = new ArrayList<>();

    private final StringBuilder pending = new StringBuilder();

    private WireCounts(int serverPort) throws IOException, SQLException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "wire-counts-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        PGSimpleDataSource relayed = new PGSimpleDataSource();
        relayed.setServerNames(new String[] {"127.0.0.1"});
        relayed.setPortNumbers(new int[] {listener.getLocalPort()});
        relayed.setDatabaseName("postgres");
        relayed.setUser("postgres");
        relayed.setSslMode("disable");
        this.connection = relayed.getConnection();
    }

    /** A relay to the shared embedded PostgreSQL server of {@link TestDatabase}. */
    public static WireCounts onEmbeddedPostgres() throws IOException, SQLException {
        return new WireCounts(TestDatabase.postgresDataSource().getPortNumbers()[0]);
    }

    /** The counts so far. */
    public Counts now() {
        return new Counts(roundTrips.get(), commits.get(), statements.get());
    }

    /** What was sent in round trips {@code from} (a {@link Counts#roundTrips()}) to now, one line each. */
    public String transcript(Counts from) {
        synchronized (transcript) {
            return String.join("\n", transcript.subList((int) from.roundTrips(), transcript.size()));
        }
    }

    /** A data source over the relay's one connection (see the class comment). */
    public DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(
                WireCounts.class.getClassLoader(), new Class<?>[] {DataSource.class}, (p, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        if (!borrowed.compareAndSet(false, true)) {
                            throw new SQLException("a second connection was asked for while the first is held");
                        }
                        return lent();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private Connection lent() {
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(
                WireCounts.class.getClassLoader(), new Class<?>[] {Connection.class}, (p, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            if (closed.compareAndSet(false, true)) {
                                borrowed.set(false);
                            }
                            return null;
                        }
                        case "isClosed" -> {
                            return closed.get();
                        }
                        default -> {
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }

    @Override
    public void close() throws IOException, SQLException {
        connection.close();
        listener.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    private void accept() {
        try {
            while (!listener.isClosed()) {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(server);
                }
                start("wire-counts-down", () -> copy(server.getInputStream(), client.getOutputStream()));
                start("wire-counts-up", () -> relayCounting(client.getInputStream(), server.getOutputStream()));
            }
        } catch (IOException ignored) {
            // The listener was closed: the relay is done.
        }
    }

    private interface Pump {
        void run() throws IOException;
    }

    private static void start(String name, Pump pump) {
        Thread t = new Thread(
                () -> {
                    try {
                        pump.run();
                    } catch (IOException ignored) {
                        // A side closed: the connection is over.
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[16384];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }

    /** Forwards the frontend's messages one by one, counting each before it is forwarded. */
    private void relayCounting(InputStream rawIn, OutputStream rawOut) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(rawIn));
        OutputStream out = new BufferedOutputStream(rawOut);
        // Untyped messages first: an SSL or GSS request (answered with one byte), then the start-up message.
        while (true) {
            int length = in.readInt();
            byte[] body = new byte[length - 4];
            in.readFully(body);
            writeInt(out, length);
            out.write(body);
            out.flush();
            int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
            if (code != SSL_REQUEST && code != GSS_REQUEST) {
                break;
            }
        }
        Map<String, String> prepared = new HashMap<>();
        Map<String, String> portals = new HashMap<>();
        while (true) {
            int type = in.read();
            if (type < 0) {
                throw new EOFException();
            }
            int length = in.readInt();
            byte[] body = new byte[length - 4];
            in.readFully(body);
            count((char) type, body, prepared, portals);
            out.write(type);
            writeInt(out, length);
            out.write(body);
            if (in.available() == 0) {
                out.flush();
            }
        }
    }

    private void count(char type, byte[] body, Map<String, String> prepared, Map<String, String> portals) {
        switch (type) {
            case 'P' -> {
                int[] at = {0};
                String name = cString(body, at);
                prepared.put(name, cString(body, at));
            }
            case 'B' -> {
                int[] at = {0};
                String portal = cString(body, at);
                portals.put(portal, prepared.getOrDefault(cString(body, at), ""));
            }
            case 'E' -> executed(portals.getOrDefault(cString(body, new int[] {0}), ""));
            case 'S' -> endRoundTrip();
            case 'Q' -> {
                String sql = cString(body, new int[] {0});
                executed(sql);
                // The driver sends a transaction's BEGIN as a simple query in front of its first statement, in the
                // same write, and reads both answers together: not a round trip of its own.
                if (!sql.strip().equalsIgnoreCase("BEGIN")) {
                    endRoundTrip();
                }
            }
            default -> {
                // Describe, Close, Flush, Terminate...: no statement and no round trip of their own.
            }
        }
    }

    private void endRoundTrip() {
        synchronized (transcript) {
            transcript.add((transcript.size() + 1) + ": " + (pending.length() == 0 ? "(no statement)" : pending));
            pending.setLength(0);
        }
        roundTrips.incrementAndGet();
    }

    private void executed(String sql) {
        synchronized (transcript) {
            pending.append(pending.length() == 0 ? "" : " | ")
                    .append(sql.length() > 70 ? sql.substring(0, 70) + "..." : sql);
        }
        String word = sql.strip().toUpperCase(java.util.Locale.ROOT);
        if (word.equals("COMMIT")) {
            commits.incrementAndGet();
        } else if (!word.equals("BEGIN") && !word.isEmpty()) {
            statements.incrementAndGet();
        }
    }

    private static String cString(byte[] body, int[] at) {
        int start = at[0];
        int end = start;
        while (body[end] != 0) {
            end++;
        }
        at[0] = end + 1;
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
