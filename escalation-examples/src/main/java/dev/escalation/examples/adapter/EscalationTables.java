package dev.escalation.examples.adapter;

import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The tables of the adapter example. {@link #HOST_TABLE} stands for what the host already has; the
 * adapter adds {@link #ESCALATION_TABLE} (escalation state per instance) and {@link #OUTBOX_TABLE},
 * and leaves the host's table exactly as it is. Plain SQL that runs on H2 and PostgreSQL; hosts
 * with a migration tool copy the statements into a migration instead of calling {@link #create}.
 */
public final class EscalationTables {

    /** The host's own table, as it was before escalation came along. The adapter never alters it. */
    public static final String HOST_TABLE = """
            CREATE TABLE workflow_instances (
                id               VARCHAR(64)  PRIMARY KEY,
                workflow_type    VARCHAR(64)  NOT NULL,
                stage            VARCHAR(128) NOT NULL,
                assignee         VARCHAR(128) NOT NULL,
                priority         VARCHAR(16)  NOT NULL,
                stage_entered_at TIMESTAMP WITH TIME ZONE NOT NULL,
                status           VARCHAR(4)   NOT NULL,  -- OPEN or DONE
                tenant           VARCHAR(64),
                department       VARCHAR(64),
                requester        VARCHAR(128),
                amount           DECIMAL(12, 2)          -- business data the library never reads
            )""";

    /**
     * One row per instance that escalation watches. {@code status} is the library's view (OPEN,
     * ON_HOLD, COMPLETED, CANCELLED): the host's OPEN/DONE cannot say "paused" or "cancelled".
     * {@code sla_start} is separate from the host's {@code stage_entered_at} because a reassignment
     * restarts the SLA clock without the instance entering a new stage. {@code holds} lists the
     * pauses as ISO intervals ({@code from/until,from/}); the deadline moves by their length.
     */
    public static final String ESCALATION_TABLE = """
            CREATE TABLE workflow_escalation (
                instance_id       VARCHAR(64) PRIMARY KEY REFERENCES workflow_instances (id),
                version           BIGINT      NOT NULL,
                status            VARCHAR(9)  NOT NULL,
                sla_start         TIMESTAMP WITH TIME ZONE NOT NULL,
                holds             VARCHAR(4000) DEFAULT '' NOT NULL,
                cycle             INT DEFAULT 0 NOT NULL,
                warned_at         TIMESTAMP WITH TIME ZONE,
                reminders_sent    INT DEFAULT 0 NOT NULL,
                escalation_level  INT DEFAULT 0 NOT NULL,
                last_escalated_at TIMESTAMP WITH TIME ZONE,
                re_escalations    INT DEFAULT 0 NOT NULL,
                breached_at       TIMESTAMP WITH TIME ZONE,
                warning_at        TIMESTAMP WITH TIME ZONE,
                deadline          TIMESTAMP WITH TIME ZONE,
                next_check_at     TIMESTAMP WITH TIME ZONE,
                lease_until       TIMESTAMP WITH TIME ZONE,
                lease_owner       VARCHAR(128)
            )""";

    /** Notifications between the step that created them and their delivery; see {@link NotificationOutbox}. */
    public static final String OUTBOX_TABLE = """
            CREATE TABLE escalation_outbox (
                idempotency_key VARCHAR(255)  PRIMARY KEY,
                task_id         VARCHAR(64)   NOT NULL,
                tenant          VARCHAR(64),
                notification    VARCHAR(4000) NOT NULL,  -- the Notification as JSON
                status          VARCHAR(9)    NOT NULL,  -- PENDING, DELIVERED or GIVEN_UP
                attempts        INT           NOT NULL,
                next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
                last_error      VARCHAR(1000)
            )""";

    /**
     * Claims and {@code nextDueAt} read these indexes only, so a run costs what is due, not what is
     * stored. (On PostgreSQL, partial indexes {@code WHERE status = 'OPEN'} / {@code 'PENDING'}
     * would be smaller still.)
     */
    public static final List<String> INDEXES = List.of(
            "CREATE INDEX workflow_escalation_due ON workflow_escalation (status, next_check_at)",
            "CREATE INDEX escalation_outbox_due ON escalation_outbox (status, next_attempt_at)");

    private EscalationTables() {}

    /** Creates the adapter's two tables and their indexes next to the host's table. */
    public static void create(DataSource dataSource) {
        execute(
                dataSource,
                "creating the escalation tables",
                List.of(ESCALATION_TABLE, OUTBOX_TABLE, INDEXES.get(0), INDEXES.get(1)));
    }

    /** Creates the host's table: only tests and demos need this, a real host has it already. */
    public static void createHostTable(DataSource dataSource) {
        execute(dataSource, "creating workflow_instances", List.of(HOST_TABLE));
    }

    private static void execute(DataSource dataSource, String what, List<String> statements) {
        Jdbc.inTransaction(dataSource, what, c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return null;
        });
    }
}
