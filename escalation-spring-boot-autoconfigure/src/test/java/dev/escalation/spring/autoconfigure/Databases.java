package dev.escalation.spring.autoconfigure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Fresh databases for context tests: an in-memory H2 database each, or a schema of its own in one embedded PostgreSQL. */
final class Databases {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private Databases() {}

    static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:boot" + SEQUENCE.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** A data source whose connections work in a new schema of their own (created on first use by Flyway or the store). */
    static DataSource postgres(String schema) {
        PGSimpleDataSource source = (PGSimpleDataSource) server().getPostgresDatabase();
        PGSimpleDataSource own = new PGSimpleDataSource();
        own.setURL(source.getURL());
        own.setUser(source.getUser());
        own.setCurrentSchema(schema);
        return own;
    }

    static String newSchema() {
        return "boot" + SEQUENCE.incrementAndGet();
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres;
    }
}
