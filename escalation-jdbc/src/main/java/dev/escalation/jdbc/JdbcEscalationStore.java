package dev.escalation.jdbc;

import dev.escalation.core.Require;
import dev.escalation.core.audit.AuditMirror;
import dev.escalation.core.audit.AuditSink;
import dev.escalation.core.operations.OperatorActions;
import dev.escalation.core.operations.OperatorQueries;
import dev.escalation.core.spi.WorkflowRepository;
import dev.escalation.core.task.TaskRules;
import dev.escalation.core.task.TaskStore;
import dev.escalation.core.time.Clock;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Durable, cluster-safe escalation state on PostgreSQL or H2 over plain JDBC: the engine's
 * {@link WorkflowRepository}, the host's {@link TaskStore}, and the audit trail, all in the library's
 * own tables (see {@link EscalationSchema}). Any number of engines on any number of nodes may share
 * one database: claims are leased, steps are compare-and-swapped, and each step's state change,
 * audit rows and outbox rows commit in one transaction.
 *
 * <pre>{@code
 * JdbcEscalationStore store = JdbcEscalationStore.builder(dataSource)
 *         .clock(clock)                                // the one clock (default: the database's); the engine reads it too
 *         .tablePrefix("escalation_")
 *         .build();
 * store.createSchema();                                // or run the shipped DDL with Flyway/Liquibase
 * EscalationEngine engine = EscalationEngine.builder()
 *         .repository(store.repository())              // stores every step with its audit and outbox rows
 *         .policies(policies).notifier(notifier)
 *         .build();
 * store.tasks().open(NewTask.of("PO-1042", "purchase-order", "Manager Approval", "alice", stageEnteredAt));
 * }</pre>
 *
 * Works with any {@link DataSource}; every call takes one connection, runs one transaction, restores
 * the connection's auto-commit setting and closes it; {@link #tasks(Connection)} instead joins a
 * transaction the host has open. Thread-safe.
 */
public final class JdbcEscalationStore {

    /** How long SLA counts serve later runs unless the builder says otherwise: one minute. */
    public static final Duration DEFAULT_SLA_COUNTS_MAX_AGE = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(JdbcEscalationStore.class);

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final SchemaOptions schema;
    private final JdbcTaskRepository repository;
    private final JdbcOperatorActions operatorActions;
    private final StoreContext context;
    private final TaskRules taskRules;
    private final JdbcAuditTrail auditTrail;
    private final AuditVerifier auditVerifier;
    private final AtomicLong unreadableRows = new AtomicLong();
    private final Clock clock;
    private final Retention retention;
    private final Optional<SkewWatchingClock> skewWatch;

    private JdbcEscalationStore(Builder b, SqlDialect dialect) {
        this.dataSource = b.dataSource;
        this.dialect = dialect;
        this.schema = b.schema;
        Transactions tx = new Transactions(dataSource);
        Tables tables = new Tables(schema);
        Dialect d = Dialect.of(dialect);
        AuditRows audit = new AuditRows(tables, d, b.auditStripes);
        DatabaseClock databaseClock = new DatabaseClock(tx, dialect);
        this.skewWatch = b.clock == null || b.skewTolerance == null
                ? Optional.empty()
                : Optional.of(new SkewWatchingClock(b.clock, databaseClock, b.skewTolerance));
        this.clock =
                b.clock == null ? databaseClock : skewWatch.<Clock>map(w -> w).orElse(b.clock);
        this.taskRules = b.taskRules;
        this.context = new StoreContext(
                tables,
                d,
                tx,
                clock,
                audit,
                b.unreadableRetry,
                unreadableRows,
                b.slaCountsMaxAge,
                AuditMirror.of(b.auditMirror));
        this.repository = new JdbcTaskRepository(context, taskRules);
        this.operatorActions = new JdbcOperatorActions(context);
        this.auditTrail = new JdbcAuditTrail(tx, audit);
        this.auditVerifier = new AuditVerifier(tx, audit, new ChainRows(tables, d), b.auditStripes);
        this.retention = new Retention(tx, audit, repository);
    }

    /**
     * Starts a store over {@code dataSource}; see {@link Builder} for the defaults.
     *
     * @param dataSource a pooled data source shared with the host
     * @return a new builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Where the engine reads due tasks and records steps; every audit entry (steps, failures,
     * given-up notifications) is stored in the transaction of what it records. Its clock is the
     * store's.
     *
     * @return the repository
     */
    public WorkflowRepository repository() {
        return repository;
    }

    /**
     * How the host opens, completes, reassigns, moves and holds tasks; each change is audited in its transaction.
     *
     * @return the task store
     */
    public TaskStore tasks() {
        return repository;
    }

    /**
     * An import of many tasks at once over several connections, each call of it one transaction, its
     * first checks spread over the whole import: for moving a large backlog in. {@code tasks().openAll}
     * stores one call.
     *
     * <pre>{@code
     * long opened = store.bulkImport().connections(2).run(backlog);
     * }</pre>
     *
     * @return an import in calls of {@value BulkImport#DEFAULT_CALL_SIZE} tasks over one connection
     */
    public BulkImport bulkImport() {
        return new BulkImport(repository.taskImport(), clock, taskRules);
    }

    /**
     * An operator's questions, one page at a time: the worklist by SLA standing, the audit trail by
     * task, type, tenant and time, and undelivered notifications (schema version 3's indexes serve
     * them). The {@link #repository()} offers the same, so that an engine on it can explain a task.
     *
     * @return the queries
     */
    public OperatorQueries queries() {
        return repository;
    }

    /**
     * The host's task store on the host's own {@code connection}, inside the transaction the host has
     * open on it: {@code open}, {@code complete}, {@code reassign} and every other change, with its
     * audit row, commit with the host's commit and vanish with its rollback, so a workflow's own change
     * (an approval) and the task's completion are one transaction. Each change runs in a savepoint: a
     * change that fails stores nothing and leaves the host's transaction usable. The store never
     * commits, rolls back or closes the connection; the engine's runs keep their own short transactions
     * on the store's {@code DataSource}.
     *
     * <p>An audit row locks the head of its audit chain (one chain per tenant) until the host commits;
     * every other writer of that chain, the engine's runs included, waits meanwhile. Make the task change
     * the last thing the host's transaction does before it commits, and keep that transaction short.
     * The {@link Builder#auditMirror audit mirror} receives the change's entry when the change is made,
     * before the host commits. Cheap to call per transaction.
     *
     * <pre>{@code
     * try (Connection connection = dataSource.getConnection()) {
     *     connection.setAutoCommit(false);
     *     approvals.markApproved(connection, requestId);     // the host's own change
     *     store.tasks(connection).complete(requestId);       // joins it
     *     connection.commit();                               // both, or neither
     * }
     * }</pre>
     *
     * @param connection the host's connection, auto-commit off, its transaction open
     * @return a task store whose changes join that transaction
     * @throws IllegalArgumentException when {@code connection} is null
     */
    public TaskStore tasks(Connection connection) {
        Require.present("connection", connection);
        return new JdbcTaskRepository(context.with(context.tx().boundTo(connection)), taskRules);
    }

    /**
     * The audit table, read back.
     *
     * @return the audit trail
     */
    public JdbcAuditTrail auditTrail() {
        return auditTrail;
    }

    /**
     * Walks the audit table's hash chains and reports, per chain, the first row that was changed, deleted,
     * inserted, moved or reordered; reads chain heads to publish and verifies a chain against a published one.
     *
     * @return the verifier
     */
    public AuditVerifier auditVerifier() {
        return auditVerifier;
    }

    /**
     * Deletes outbox rows that are finished - delivered or given up - and were last changed before
     * {@code before}, in transactions of {@value RetentionPolicy#DEFAULT_BATCH_SIZE} rows. The outbox
     * keeps them until then as a delivery record; {@link #purge} does this and the audit's retention
     * from one policy. Pending rows are never touched.
     *
     * @param before rows last changed before this instant are deleted
     * @return how many rows were deleted
     */
    public int purgeFinishedNotifications(Instant before) {
        return (int) retention
                .finishedNotifications(Require.present("before", before), RetentionPolicy.DEFAULT_BATCH_SIZE)
                .rows();
    }

    /**
     * Applies {@code policy} at the store's clock: deletes finished outbox rows and audit entries older
     * than it keeps them, each batch in a short transaction of its own. Audit entries go oldest first
     * per chain, and only a prefix of each chain (an old entry behind a younger one waits for it); each
     * chain's anchor moves to the last entry deleted, so the rest still verifies. Call it from a
     * housekeeping job, say daily.
     *
     * @param policy how long to keep what
     * @return how many rows of each kind were deleted
     */
    public RetentionReport purge(RetentionPolicy policy) {
        return purge(policy, AuditSink.discarding());
    }

    /**
     * As {@link #purge(RetentionPolicy)}, handing each batch of audit entries to {@code archive}
     * (oldest first) before they are deleted, in the same transaction: if the archive throws, that
     * batch stays and the purge stops with an {@link EscalationStoreException}.
     *
     * @param policy  how long to keep what
     * @param archive receives each batch of audit entries before it is deleted
     * @return how many rows of each kind were deleted
     */
    public RetentionReport purge(RetentionPolicy policy, AuditSink archive) {
        Require.present("policy", policy);
        Require.present("archive", archive);
        Instant now = clock.now();
        Instant notificationsBefore = now.minus(policy.finishedNotifications());
        Instant auditBefore = now.minus(policy.auditEntries());
        Retention.Deleted notifications = retention.finishedNotifications(notificationsBefore, policy.batchSize());
        Retention.Deleted audit = retention.auditEntries(auditBefore, policy.batchSize(), archive);
        LOG.info(
                "purged {} finished notifications before {} and {} audit entries before {}",
                notifications.rows(),
                notificationsBefore,
                audit.rows(),
                auditBefore);
        return new RetentionReport(
                notificationsBefore,
                auditBefore,
                notifications.rows(),
                audit.rows(),
                notifications.batches() + audit.batches());
    }

    /**
     * What an operator can do on this store: redeliver given-up notifications, pause and resume
     * policies. Every engine on the same tables sees the pauses.
     *
     * @return the operator actions
     */
    public OperatorActions operatorActions() {
        return operatorActions;
    }

    /**
     * Creates the tables unless they exist; see {@link EscalationSchema#create}.
     *
     * @return whether the tables were created
     */
    public boolean createSchema() {
        return EscalationSchema.create(dataSource, dialect, schema);
    }

    /**
     * The database this store speaks to, as set or detected.
     *
     * @return the dialect
     */
    public SqlDialect dialect() {
        return dialect;
    }

    /**
     * The schema and the table prefix of this store's tables.
     *
     * @return the schema options
     */
    public SchemaOptions schemaOptions() {
        return schema;
    }

    /**
     * How many unreadable rows (task rows that make no valid task, outbox rows that hold no
     * notification) this store has skipped since it was built. Each one is also logged and audited.
     *
     * @return the number of rows skipped
     */
    public long unreadableRowsSkipped() {
        return unreadableRows.get();
    }

    /**
     * How far this node's clock was from the database's at the last check (positive: the node is
     * ahead), when the builder set a {@link Builder#clockSkewTolerance clock skew tolerance} for a
     * node clock; empty otherwise or before the first check. A store on the
     * {@link Builder#databaseClock() database clock} has no skew to measure.
     *
     * @return the node's clock minus the database's, if measured
     */
    public Optional<Duration> clockSkew() {
        return skewWatch.flatMap(SkewWatchingClock::lastSkew);
    }

    /**
     * Builds a {@link JdbcEscalationStore}. Every setter checks its value at once and names it when
     * it is bad.
     */
    public static final class Builder {
        private final DataSource dataSource;
        /** Null: the database's clock. */
        private Clock clock;

        private Duration skewTolerance;
        private SqlDialect dialect;
        private SchemaOptions schema = SchemaOptions.defaults();
        private Duration unreadableRetry = Duration.ofHours(1);
        private Duration slaCountsMaxAge = DEFAULT_SLA_COUNTS_MAX_AGE;
        private TaskRules taskRules = TaskRules.none();
        private AuditSink auditMirror = AuditSink.discarding();
        private int auditStripes = AuditChain.DEFAULT_STRIPES;

        private Builder(DataSource dataSource) {
            this.dataSource = Require.present("dataSource", dataSource);
        }

        /**
         * The one clock of the store and its engine, this node's own: it times host changes, and the
         * engine built on {@link #repository()} reads it for its runs and leases. Nodes whose clocks
         * drift apart by more than a lease can take each other's claims; see
         * {@link #clockSkewTolerance} and {@link #databaseClock()}. Default: the database's clock.
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Require.present("clock", value);
            return this;
        }

        /**
         * Takes the store's clock, and so its engine's, from the database server (one
         * {@code SELECT} per reading), replacing any {@link #clock(Clock) node clock} set before:
         * every node that shares the database then reads one clock, so leases and host changes
         * agree however far the nodes' own clocks drift. This is the default.
         *
         * @return this builder
         */
        public Builder databaseClock() {
            this.clock = null;
            return this;
        }

        /**
         * With a {@link #clock(Clock) node clock}: compares it with the database's clock at most
         * once a minute of node time, logs a WARN the first time they are further apart than
         * {@code value} and keeps the measurement for {@link JdbcEscalationStore#clockSkew()}.
         * Half the shortest lease is a safe tolerance: two nodes within it of the database cannot
         * take each other's claims. Default: no comparison.
         *
         * @param value the largest skew that is not reported
         * @return this builder
         * @throws IllegalArgumentException when it is not positive
         */
        public Builder clockSkewTolerance(Duration value) {
            this.skewTolerance = Require.positive("clockSkewTolerance", value);
            return this;
        }

        /**
         * The database. Default: detected from the connection's metadata when {@link #build()} runs.
         *
         * @param value the dialect
         * @return this builder
         */
        public Builder dialect(SqlDialect value) {
            this.dialect = Require.present("dialect", value);
            return this;
        }

        /**
         * The prefix of the table names; see {@link SchemaOptions} for what is allowed. Default {@value SchemaOptions#DEFAULT_TABLE_PREFIX}.
         *
         * @param value the table prefix
         * @return this builder
         */
        public Builder tablePrefix(String value) {
            this.schema = schema.withTablePrefix(value);
            return this;
        }

        /**
         * The schema that holds the tables. Default: the connection's current schema.
         *
         * @param value the schema's name
         * @return this builder
         */
        public Builder schema(String value) {
            this.schema = schema.withSchema(value);
            return this;
        }

        /**
         * Schema and prefix at once.
         *
         * @param value the schema and the table prefix
         * @return this builder
         */
        public Builder schemaOptions(SchemaOptions value) {
            this.schema = Require.present("schemaOptions", value);
            return this;
        }

        /**
         * How long an unreadable task row waits before it is read again. Default 1 hour.
         *
         * @param value the wait
         * @return this builder
         */
        public Builder unreadableRowRetry(Duration value) {
            this.unreadableRetry = Require.positive("unreadableRowRetry", value);
            return this;
        }

        /**
         * How long the repository may answer {@code slaCounts} from its last count. On PostgreSQL the
         * counts are maintained by the schema (version 5: triggers record every change of an active
         * task, and a count reads the stored counts, the changes since and the warning points and
         * deadlines passed since), so that a count costs about a millisecond whatever the number of
         * open tasks, and is exact at the run's instant. On H2 a count reads one index entry per
         * active task. Either way, by default a count serves the runs of the next minute. The counts are monitoring figures
         * (gauges, the run report), never used to decide a step, so a minute's lag costs no
         * correctness. Set zero to count on every call (small tables, tests that read counts right
         * after a change), or turn the engine's {@code countSla} off. Default 1 minute.
         *
         * @param value the longest age of a count, or {@link Duration#ZERO} to count on every call
         * @return this builder
         */
        public Builder slaCountsMaxAge(Duration value) {
            this.slaCountsMaxAge = Require.notNegative("slaCountsMaxAge", value);
            return this;
        }

        /**
         * What the host's task store accepts beyond each task's own validation, e.g. the allowed priorities. Default: any priority.
         *
         * @param value the rules
         * @return this builder
         */
        public Builder taskRules(TaskRules value) {
            this.taskRules = Require.present("taskRules", value);
            return this;
        }

        /**
         * Where a copy of every audit entry goes after its transaction committed (a log shipper, a
         * SIEM); a failing mirror is logged and fails nothing, the entry stays in the table. Default:
         * none.
         *
         * @param value the mirror
         * @return this builder
         */
        public Builder auditMirror(AuditSink value) {
            this.auditMirror = Require.present("auditMirror", value);
            return this;
        }

        /**
         * Over how many hash chains the audit entries without a tenant are spread, so that engines
         * appending at once do not all wait for one chain's head: an entry goes to its task's stripe
         * ({@code global:<stripe>/<stripes>}), so one task's entries stay in one chain, in order. 1
         * keeps them all in the single chain {@code global}, as before stripes. Changing the count
         * later starts new chains beside the old ones, which stay verifiable (docs/reliability.md).
         * Entries of a tenant always go to the tenant's one chain. Default 16.
         *
         * @param value the number of stripes, 1 to 4096
         * @return this builder
         * @throws IllegalArgumentException naming the value when it is below 1 or above 4096
         */
        public Builder auditStripes(int value) {
            this.auditStripes = AuditChain.requireStripes("auditStripes", value);
            return this;
        }

        /**
         * Builds the store; detects the dialect first unless one was set.
         *
         * @return the store
         * @throws EscalationStoreException when the dialect must be detected and no connection can be had
         */
        public JdbcEscalationStore build() {
            return new JdbcEscalationStore(this, dialect != null ? dialect : SqlDialect.detect(dataSource));
        }
    }
}
