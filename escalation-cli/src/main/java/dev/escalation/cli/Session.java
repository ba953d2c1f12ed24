package dev.escalation.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.escalation.core.time.Clock;
import dev.escalation.jdbc.JdbcEscalationStore;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What a command runs with: the store the global options opened, this machine's clock, the tenant
 * it is limited to, and where and how it prints.
 *
 * @param store    the store over the named database and tables
 * @param database the database itself, for what the store cannot tell yet; closed with the session
 * @param clock  this machine's clock (the store's node clock)
 * @param tenant the tenant the command is limited to; empty for all
 * @param json   whether to print JSON rather than text
 * @param spec   the running command, for its output stream and usage errors
 */
record Session(
        JdbcEscalationStore store,
        Database database,
        Clock clock,
        Optional<String> tenant,
        boolean json,
        CommandSpec spec)
        implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void close() {
        database.close();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Now by the database's clock: this machine's, corrected by the skew the store measured. */
    Instant databaseNow() {
        Instant machineNow = store.repository().clock().now();
        return store.clockSkew().map(machineNow::minus).orElse(machineNow);
    }

    /** Prints {@code value} as one JSON document. */
    void printJson(Object value) {
        try {
            out().println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write JSON", e);
        }
    }
}
