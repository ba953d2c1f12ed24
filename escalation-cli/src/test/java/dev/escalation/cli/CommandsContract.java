package dev.escalation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every command prints and exits with, on a store in {@link KnownStates}; run on H2 files and on
 * embedded PostgreSQL by the subclasses.
 */
abstract class CommandsContract {

    /** The tasks without a tenant in {@link KnownStates}: their audit entries lie in their stripes. */
    static final List<String> WITHOUT_TENANT =
            List.of("PO-1", "PO-2", "PO-3-unreachable", "PO-4-unreachable", "PO-5", "PO-6");

    /** The chain of PO-2's entries: its stripe of the store's default 16. */
    static final String PO_2 = stripe("PO-2");

    /** How many of the 16 stripes the tasks without a tenant fall into. */
    static final int STRIPES_USED = (int)
            WITHOUT_TENANT.stream().map(CommandsContract::stripe).distinct().count();

    /** This machine's clock in the tests: the instant the known states hold. */
    final ManualClock machine = ManualClock.at(KnownStates.AS_OF);

    KnownStates states;

    /** The database to fill, as the test sees it. */
    abstract DataSource database();

    /** The store's tables' prefix, schema included, for tampering with plain SQL. */
    abstract String tables();

    /** The global options that name the database and its tables. */
    abstract List<String> connection();

    /** Fills the database, before each test. */
    abstract KnownStates fill();

    @BeforeEach
    void fillTheStore() {
        states = fill();
    }

    /** A task's stripe as docs/reliability.md defines it, computed without the library. */
    static String stripe(String taskId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(taskId.getBytes(StandardCharsets.UTF_8));
            long leading = Integer.toUnsignedLong(((digest[0] & 0xff) << 24)
                    | ((digest[1] & 0xff) << 16)
                    | ((digest[2] & 0xff) << 8)
                    | (digest[3] & 0xff));
            return "global:" + (leading % 16) + "/16";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    CliRun cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(connection());
        return CliRun.of(machine, all.toArray(String[]::new));
    }

    @Test
    void status_counts_the_tasks_by_sla_status_the_outbox_and_when_the_next_step_falls_due() {
        CliRun run = cli("status", "--at", KnownStates.AS_OF.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .matches(Pattern.quote(String.join(
                                "\n",
                                "SLA status at 2026-01-06T08:00:00Z, all tenants",
                                "Tasks open or on hold        6",
                                "  fine                       2",
                                "  near breach                2",
                                "  breached                   1",
                                "  on hold                    1",
                                "Notifications pending        1 (1 failed at least once)",
                                "  given up                   2",
                                "Next due              2026-01-06T08:30:00Z (in 30m)",
                                "Clock skew            this machine's clock is "))
                        + "\\d+\\.\\d{3} s (ahead of|behind) the database's\n"
                        + "Policies paused              0\n");
    }

    @Test
    void status_for_a_tenant_counts_only_that_tenants_tasks_and_notifications() {
        CliRun run = cli("status", "--at", KnownStates.AS_OF.toString(), "--tenant", "acme");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .startsWith(String.join(
                        "\n",
                        "SLA status at 2026-01-06T08:00:00Z, tenant acme",
                        "Tasks open or on hold        1",
                        "  fine                       1",
                        "  near breach                0",
                        "  breached                   0",
                        "  on hold                    0",
                        "Notifications pending        0 (0 failed at least once)",
                        "  given up                   0",
                        "Next due              2026-01-07T04:00:00Z (in 20h)",
                        ""));
    }

    @Test
    void status_as_json_gives_the_same_figures() throws Exception {
        CliRun run = cli("status", "--at", KnownStates.AS_OF.toString(), "--json");

        JsonNode status = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).isZero();
        assertThat(status.get("at").asText()).isEqualTo("2026-01-06T08:00:00Z");
        assertThat(status.get("tenant").isNull()).isTrue();
        assertThat(status.get("tasks").toString())
                .isEqualTo("{\"active\":6,\"fine\":2,\"nearBreach\":2,\"breached\":1,\"onHold\":1}");
        assertThat(status.get("notifications").toString()).isEqualTo("{\"pending\":1,\"retrying\":1,\"givenUp\":2}");
        assertThat(status.get("nextDueAt").asText()).isEqualTo("2026-01-06T08:30:00Z");
        assertThat(status.get("clockSkewMillis").isIntegralNumber()).isTrue();
    }

    @Test
    void status_without_at_counts_as_of_the_database_clock() {
        CliRun run = cli("status");

        // The database's clock reads today, long after the known states' day: every open task is breached.
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .doesNotContain("SLA status at 2026-01-06T08:00:00Z")
                .contains("  breached                   5");
    }

    @Test
    void verify_audit_of_an_intact_trail_prints_each_chains_head_and_exits_0() {
        CliRun run = cli("verify-audit");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .matches("(global:\\d+/16: intact, \\d+ (entry|entries) checked; head \\d+:[0-9a-f]{64}\n){"
                        + STRIPES_USED + "}"
                        + "tenant:acme: intact, 1 entry checked; head 1:[0-9a-f]{64}\n"
                        + (STRIPES_USED + 1) + " chains verified: " + (STRIPES_USED + 1) + " intact, 0 broken\n");
    }

    @Test
    void verify_audit_names_a_changed_row_and_exits_1() throws SQLException {
        execute("UPDATE " + tables() + "audit SET actor = 'mallory' WHERE task_id = 'PO-2' AND type = 'WARNING_SENT'");

        CliRun run = cli("verify-audit");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.CHECK_FAILED);
        assertThat(run.out())
                .contains(PO_2 + ": BROKEN (CONTENT_CHANGED) chain '" + PO_2 + "' place ")
                .contains(": it was changed after it was written\n")
                .contains("tenant:acme: intact")
                .endsWith((STRIPES_USED + 1) + " chains verified: " + STRIPES_USED + " intact, 1 broken\n");
    }

    @Test
    void verify_audit_of_one_tenant_verifies_only_its_chain() throws SQLException {
        execute("UPDATE " + tables() + "audit SET actor = 'mallory' WHERE task_id = 'PO-2' AND type = 'WARNING_SENT'");

        CliRun run = cli("verify-audit", "--tenant", "acme");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("tenant:acme: intact").endsWith("1 chain verified: 1 intact, 0 broken\n");
    }

    @Test
    void verify_audit_against_a_published_head_fails_when_the_chain_no_longer_holds_it() throws Exception {
        JsonNode intact = new ObjectMapper()
                .readTree(cli("verify-audit", "--json", "--chain", PO_2).out());
        long place = intact.get("chains").get(0).get("headPlace").asLong();
        String forged = "0".repeat(64);

        CliRun held = cli(
                "verify-audit",
                "--chain",
                PO_2,
                "--published-head",
                place + ":" + intact.get("chains").get(0).get("headHash").asText());
        CliRun rewritten = cli("verify-audit", "--chain", PO_2, "--published-head", place + ":" + forged);

        assertThat(intact.get("intact").asBoolean()).isTrue();
        assertThat(held.exitCode()).isZero();
        assertThat(rewritten.exitCode()).isEqualTo(EscalationCli.CHECK_FAILED);
        assertThat(rewritten.out()).contains(PO_2 + ": BROKEN (PUBLISHED_HEAD_MISMATCH)");
    }

    @Test
    void verify_audit_as_json_names_the_break() throws Exception {
        execute("UPDATE " + tables() + "audit SET actor = 'mallory' WHERE task_id = 'PO-2' AND type = 'WARNING_SENT'");

        CliRun run = cli("verify-audit", "--json");

        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(run.exitCode()).isEqualTo(EscalationCli.CHECK_FAILED);
        assertThat(result.get("intact").asBoolean()).isFalse();
        List<JsonNode> chains = new ArrayList<>();
        result.get("chains").forEach(chains::add);
        assertThat(chains).hasSize(STRIPES_USED + 1);
        assertThat(chains).filteredOn(c -> c.has("firstBreak")).singleElement().satisfies(c -> {
            assertThat(c.get("chain").asText()).isEqualTo(PO_2);
            assertThat(c.get("firstBreak").get("problem").asText()).isEqualTo("CONTENT_CHANGED");
        });
    }

    /** Also: the details are sorted by key (the entry's map has no order; an earlier build printed them in another). */
    @Test
    void audit_prints_a_tasks_entries_oldest_first() {
        CliRun run = cli("audit", "--task", "PO-2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo(String.join(
                        "\n",
                        "Audit trail of task PO-2: 2 entries",
                        "2026-01-05T09:00:00Z  TASK_OPENED   level 0  to bob  {priority=normal, slaStart=2026-01-05T09:00:00Z,"
                                + " stage=Manager Approval, workflowType=purchase-order}  by host",
                        "2026-01-06T07:00:00Z  WARNING_SENT  level 0  to bob  step PO-2/0/WARNING/1"
                                + "  {deadline=2026-01-06T09:00:00Z, policy=Manager Approval, policyVersion="
                                + KnownStates.POLICY.version() + ", status=WARNING}"
                                + "  by " + states.runIds.get(0),
                        ""));
    }

    @Test
    void audit_as_json_gives_the_entries_as_the_store_keeps_them() throws Exception {
        CliRun run = cli("audit", "--task", "PO-3-unreachable", "--json");

        JsonNode entries = new ObjectMapper().readTree(run.out()).get("entries");
        assertThat(run.exitCode()).isZero();
        List<String> types = new ArrayList<>();
        entries.forEach(e -> types.add(e.get("type").asText()));
        // The escalation's two notices (to dora, the new assignee, and carol, the previous one) were given up.
        assertThat(types)
                .containsExactly(
                        "TASK_OPENED",
                        "STEP_SKIPPED",
                        "SLA_BREACHED",
                        "ESCALATED",
                        "NOTIFICATION_GIVEN_UP",
                        "NOTIFICATION_GIVEN_UP");
        assertThat(entries.get(3).get("toAssignee").asText()).isEqualTo("dora");
    }

    @Test
    void audit_of_an_unknown_task_says_it_has_no_entries() {
        CliRun run = cli("audit", "--task", "PO-404");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Task PO-404 has no audit entries.\n");
    }

    @Test
    void audit_of_another_tenants_task_shows_nothing() {
        CliRun run = cli("audit", "--task", "ACME-1", "--tenant", "other");

        assertThat(run.out()).isEqualTo("Task ACME-1 has no audit entries.\n");
    }

    @Test
    void tables_that_are_not_there_are_a_database_error_with_exit_code_3() {
        CliRun run = cli("status", "--table-prefix", "nothing_here_");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.DATABASE_ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("error: ").containsIgnoringCase("nothing_here_task");
    }

    void execute(String sql) throws SQLException {
        try (Connection c = database().getConnection();
                Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(sql)).isEqualTo(1);
        }
    }
}
