package dev.escalation.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.escalation.core.notification.Notification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's worklist and actions - breached, explain, redeliver, pause-policy, resume-policy,
 * report - on a store in {@link KnownStates}; run with the read commands' contract on H2 files and
 * embedded PostgreSQL.
 */
abstract class OperationsContract extends CommandsContract {

    private static final String AT = KnownStates.AS_OF.toString();

    @TempDir
    Path files;

    @Test
    void breached_lists_the_breached_tasks_with_their_deadline_and_how_long_they_are_overdue() {
        CliRun run = cli("breached", "--at", AT);

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .isEqualTo(String.join(
                        "\n",
                        "Breached tasks at 2026-01-06T08:00:00Z, all tenants:",
                        "DEADLINE              STANDING  TASK              WORKFLOW TYPE   STAGE             ASSIGNEE"
                                + "  LEVEL  OVERDUE",
                        "2026-01-06T07:00:00Z  BREACHED  PO-3-unreachable  purchase-order  Manager Approval  dora    "
                                + "  1      1h",
                        ""));
    }

    @Test
    void breached_with_near_also_lists_the_tasks_past_their_warning_point_earliest_deadline_first() {
        CliRun run = cli("breached", "--at", AT, "--near", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(ids(json(run).get("tasks"))).containsExactly("PO-3-unreachable", "PO-2", "PO-4-unreachable");
    }

    @Test
    void breached_pages_with_limit_and_the_printed_cursor_leads_to_the_next_page() {
        CliRun first = cli("breached", "--at", AT, "--near", "--limit", "2");
        String cursor = first.out().lines().reduce((a, b) -> b).orElseThrow().replace("More: --after ", "");

        CliRun second = cli("breached", "--at", AT, "--near", "--limit", "2", "--after", cursor);

        assertThat(first.out()).contains("PO-3-unreachable").contains("PO-2 ").doesNotContain("PO-4");
        assertThat(second.out())
                .contains("PO-4-unreachable")
                .doesNotContain("PO-2 ")
                .doesNotContain("More:");
    }

    @Test
    void breached_narrows_by_assignee_stage_and_workflow_type() {
        CliRun dora = cli(
                "breached",
                "--at",
                AT,
                "--near",
                "--assignee",
                "dora",
                "--stage",
                "Manager Approval",
                "--workflow-type",
                "purchase-order",
                "--json");
        CliRun otherStage = cli("breached", "--at", AT, "--stage", "Finance Review");

        assertThat(ids(json(dora).get("tasks"))).containsExactly("PO-3-unreachable");
        assertThat(otherStage.out()).isEqualTo("Breached tasks at 2026-01-06T08:00:00Z, all tenants: none.\n");
    }

    @Test
    void breached_with_fail_on_breach_exits_1_when_a_task_is_breached_and_0_when_none_is() {
        CliRun breached = cli("breached", "--at", AT, "--fail-on-breach");
        CliRun none = cli("breached", "--at", AT, "--fail-on-breach", "--assignee", "bob");

        assertThat(breached.exitCode()).isEqualTo(EscalationCli.CHECK_FAILED);
        assertThat(none.exitCode()).isZero();
    }

    @Test
    void breached_with_goal_judges_by_that_goal_so_tasks_without_goals_are_not_listed() {
        // The fixture's tasks are planned under policies without goals (issue #20): none has a "response" goal.
        CliRun all = cli("breached", "--at", AT, "--fail-on-breach");
        CliRun byGoal = cli("breached", "--at", AT, "--fail-on-breach", "--goal", "response");

        assertThat(all.exitCode()).isEqualTo(EscalationCli.CHECK_FAILED);
        assertThat(byGoal.exitCode()).isZero();
        assertThat(byGoal.out()).doesNotContain("PO-");
    }

    @Test
    void breached_with_a_bad_instant_is_a_usage_error_naming_the_option_and_the_value() {
        CliRun run = cli("breached", "--at", "yesterday");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err()).contains("'--at'").contains("'yesterday'");
    }

    @Test
    void redeliver_a_task_puts_its_given_up_notifications_back_and_the_next_run_delivers_each_once() {
        CliRun run = cli("redeliver", "--task", "PO-3-unreachable", "--operator", "olga", "--request-id", "r-1");

        List<Notification> delivered = states.runWithMailUp();
        List<Notification> again = states.runWithMailUp();

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo(String.join(
                        "\n",
                        "Request r-1: 2 notifications back in the outbox, delivered by the next engine run:",
                        "  " + KEY_TO_NEW_ASSIGNEE,
                        "  " + KEY_TO_PREVIOUS_ASSIGNEE,
                        ""));
        assertThat(delivered)
                .extracting(Notification::idempotencyKey)
                .containsExactlyInAnyOrder(KEY_TO_PREVIOUS_ASSIGNEE, KEY_TO_NEW_ASSIGNEE);
        assertThat(again).isEmpty();
        assertThat(cli("status", "--at", AT).out()).contains("  given up                   0\n");
    }

    @Test
    void redeliver_the_same_request_id_twice_says_already_requested_and_exits_0() {
        cli("redeliver", "--task", "PO-3-unreachable", "--operator", "olga", "--request-id", "r-1");

        CliRun retry = cli("redeliver", "--task", "PO-3-unreachable", "--operator", "olga", "--request-id", "r-1");

        assertThat(retry.exitCode()).isZero();
        assertThat(retry.out()).isEqualTo("Request r-1 was already requested: nothing changed.\n");
        assertThat(states.runWithMailUp()).hasSize(2);
    }

    @Test
    void redeliver_without_a_request_id_prints_the_new_one_for_a_retry() {
        CliRun run = cli("redeliver", "--notification", KEY_TO_NEW_ASSIGNEE, "--operator", "olga", "--json");

        JsonNode result = json(run);
        String id = result.get("requestId").asText();
        CliRun retry =
                cli("redeliver", "--notification", KEY_TO_NEW_ASSIGNEE, "--operator", "olga", "--request-id", id);

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(result.get("requeued").toString()).isEqualTo("[\"" + KEY_TO_NEW_ASSIGNEE + "\"]");
        assertThat(retry.out()).isEqualTo("Request " + id + " was already requested: nothing changed.\n");
    }

    @Test
    void redeliver_given_up_in_a_time_range_takes_only_those_given_up_in_it() {
        CliRun before = cli(
                "redeliver",
                "--given-up-from",
                "2026-01-01",
                "--given-up-to",
                "2026-01-05",
                "--operator",
                "olga",
                "--request-id",
                "r-before");
        CliRun during = cli(
                "redeliver",
                "--given-up-from",
                "2026-01-05",
                "--given-up-to",
                "2026-01-07",
                "--operator",
                "olga",
                "--request-id",
                "r-during");

        assertThat(before.out())
                .isEqualTo("Request r-before: no given-up notification matched; nothing to redeliver.\n");
        assertThat(during.out()).startsWith("Request r-during: 2 notifications back in the outbox");
    }

    @Test
    void redeliver_names_its_operator_in_the_audit_trail() {
        cli("redeliver", "--task", "PO-3-unreachable", "--operator", "olga", "--request-id", "r-1");

        CliRun audit = cli("audit", "--type", "NOTIFICATION_REDELIVERY_REQUESTED", "--json");

        JsonNode entries = json(audit).get("entries");
        assertThat(entries).hasSize(2);
        entries.forEach(e -> assertThat(e.get("actor").asText()).isEqualTo("olga"));
    }

    @Test
    void redeliver_without_a_selection_or_an_operator_is_a_usage_error_and_changes_nothing() {
        CliRun noSelection = cli("redeliver", "--operator", "olga");
        CliRun twoSelections =
                cli("redeliver", "--task", "PO-3-unreachable", "--notification", "k", "--operator", "olga");
        CliRun noOperator = cli("redeliver", "--task", "PO-3-unreachable");
        CliRun halfRange = cli("redeliver", "--given-up-from", "2026-01-05", "--operator", "olga");

        assertThat(List.of(noSelection, twoSelections, noOperator, halfRange))
                .extracting(CliRun::exitCode)
                .containsOnly(EscalationCli.USAGE);
        assertThat(noSelection.err()).contains("Give exactly one of --notification=KEY, --task=ID");
        assertThat(noOperator.err()).contains("Missing required option: '--operator=NAME'");
        assertThat(halfRange.err()).contains("--given-up-from and --given-up-to go together");
        assertThat(cli("status", "--at", AT).out()).contains("  given up                   2\n");
    }

    @Test
    void pause_policy_then_status_lists_it_with_the_operator() {
        CliRun pause = cli("pause-policy", "Manager Approval", "--operator", "olga");

        CliRun status = cli("status", "--at", AT);

        assertThat(pause.exitCode()).isZero();
        assertThat(pause.out())
                .isEqualTo("Policy 'Manager Approval' paused by olga: none of its steps fires until it is resumed.\n");
        assertThat(status.out())
                .endsWith("Policies paused              1\n  Manager Approval  by olga at 2026-01-06T08:00:00Z\n");
    }

    @Test
    void pause_policy_twice_says_it_was_paused_already() {
        cli("pause-policy", "Manager Approval", "--operator", "olga");

        CliRun again = cli("pause-policy", "Manager Approval", "--operator", "piet");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).isEqualTo("Policy 'Manager Approval' was already paused: nothing changed.\n");
    }

    @Test
    void resume_policy_ends_the_pause_and_status_lists_none() throws Exception {
        cli("pause-policy", "Manager Approval", "--operator", "olga");

        CliRun resume = cli("resume-policy", "Manager Approval", "--operator", "olga");
        CliRun notPaused = cli("resume-policy", "Manager Approval", "--operator", "olga");

        assertThat(resume.out())
                .isEqualTo("Policy 'Manager Approval' resumed by olga: the next run catches its tasks up.\n");
        assertThat(notPaused.out()).isEqualTo("Policy 'Manager Approval' was not paused: nothing changed.\n");
        assertThat(json(cli("status", "--at", AT, "--json"))
                        .get("pausedPolicies")
                        .toString())
                .isEqualTo("[]");
    }

    @Test
    void pause_policy_without_an_operator_is_a_usage_error() {
        CliRun run = cli("pause-policy", "Manager Approval");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err()).contains("Missing required option: '--operator=NAME'");
        assertThat(cli("status", "--at", AT).out()).contains("Policies paused              0\n");
    }

    @Test
    void report_as_csv_gives_one_row_per_day_workflow_type_stage_and_tenant() {
        CliRun run = cli("report", "--from", "2026-01-05", "--to", "2026-01-07", "--csv");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo(REPORT_CSV);
    }

    @Test
    void report_as_text_prints_a_table_of_the_rows_and_the_rankings() {
        CliRun run = cli("report", "--from", "2026-01-05", "--to", "2026-01-07");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .isEqualTo(String.join(
                        "\n",
                        "SLA compliance from 2026-01-05T00:00:00Z to 2026-01-07T00:00:00Z, per day",
                        "PERIOD      WORKFLOW TYPE   STAGE             TENANT  OPENED  DONE  IN SLA  BREACHES  P50  P90"
                                + "  P99  TARGET  ESCALATIONS",
                        "2026-01-05  purchase-order  Manager Approval  -       5       1     100.0%  0         1h   1h "
                                + "  1h   -       -",
                        "2026-01-06  purchase-order  Manager Approval  -       1       0     -       1         -    - "
                                + "   -    -       L1=1",
                        "2026-01-06  purchase-order  Manager Approval  acme    1       0     -       0         -    - "
                                + "   -    -       -",
                        "Assignees with the most breached tasks:",
                        "  carol  1 breached, 0 open",
                        "Escalation targets with the most escalated tasks:",
                        "  dora  1 escalated, 1 open",
                        ""));
    }

    @Test
    void report_as_json_per_week_gives_one_row_per_group() {
        JsonNode report =
                json(cli("report", "--from", "2026-01-05", "--to", "2026-01-12", "--period", "week", "--json"));

        assertThat(report.get("period").asText()).isEqualTo("WEEK");
        assertThat(report.get("rows")).hasSize(2);
    }

    @Test
    void report_of_a_range_without_activity_says_so() {
        CliRun run = cli("report", "--from", "2025-01-01", "--to", "2025-02-01");

        assertThat(run.out())
                .isEqualTo("SLA compliance from 2025-01-01T00:00:00Z to 2025-02-01T00:00:00Z, per day\n"
                        + "No task was opened, completed or breached in the range.\n");
    }

    @Test
    void report_with_a_bad_date_exits_2_naming_the_option_and_the_value() {
        CliRun run = cli("report", "--from", "2026-13-01", "--to", "2026-01-07");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Invalid value for option '--from': '2026-13-01' is not an instant");
    }

    @Test
    void report_with_an_end_before_its_start_exits_2() {
        CliRun run = cli("report", "--from", "2026-01-07", "--to", "2026-01-05");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err())
                .contains(
                        "Invalid value for option '--to': 2026-01-05T00:00:00Z is not after --from 2026-01-07T00:00:00Z");
    }

    @Test
    void audit_by_type_lists_the_entries_of_every_task_with_the_task_id() {
        CliRun run = cli("audit", "--type", "NOTIFICATION_GIVEN_UP,SLA_BREACHED");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().toList())
                .hasSize(4)
                .first()
                .isEqualTo("Audit trail of the store of type NOTIFICATION_GIVEN_UP, SLA_BREACHED: 3 entries");
        assertThat(run.out().lines().skip(1)).allMatch(line -> line.startsWith("PO-3-unreachable  "));
    }

    @Test
    void audit_in_a_time_range_pages_with_the_printed_cursor() throws Exception {
        JsonNode first =
                json(cli("audit", "--from", "2026-01-05T09:00:00Z", "--to", "2026-01-06", "--limit", "2", "--json"));
        JsonNode second = json(cli(
                "audit",
                "--from",
                "2026-01-05T09:00:00Z",
                "--to",
                "2026-01-06",
                "--limit",
                "2",
                "--json",
                "--after",
                first.get("next").asText()));

        List<String> tasks = new ArrayList<>();
        first.get("entries").forEach(e -> tasks.add(e.get("taskId").asText()));
        second.get("entries").forEach(e -> tasks.add(e.get("taskId").asText()));
        // Opened at 09:00 on the 5th: PO-2, PO-5, PO-6; PO-3 at 07:00 falls before the range.
        assertThat(tasks.subList(0, 3)).containsExactly("PO-2", "PO-5", "PO-6");
        assertThat(tasks).doesNotContain("PO-3-unreachable");
    }

    @Test
    void audit_with_a_bad_type_is_a_usage_error_naming_the_value() {
        CliRun run = cli("audit", "--type", "ESCALATD");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err()).contains("'--type'").contains("ESCALATD");
    }

    @Test
    void explain_prints_the_tasks_timeline_under_the_given_policies() throws IOException {
        CliRun run = cli("explain", "PO-2", "--policies", policies().toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .isEqualTo(String.join(
                        "\n",
                        "Task PO-2 (purchase-order, stage Manager Approval), assigned to bob, OPEN",
                        "Policy Manager Approval, version " + versionOfPoliciesFile(),
                        "As of 2026-01-06T08:00:00Z: WARNING, warning at 2026-01-06T07:00:00Z, deadline 2026-01-06T09:00:00Z",
                        "Holds: none",
                        "Why: not escalated in this cycle (cycle 0)",
                        "When: next escalation at 2026-01-06T09:00:00Z, escalation to level 1: role:department_head"
                                + " (step PO-2/0/ESCALATION/1)",
                        "History:",
                        "  2026-01-05T09:00:00Z  TASK_OPENED  to bob, by host",
                        "  2026-01-06T07:00:00Z  WARNING_SENT  step PO-2/0/WARNING/1, bob -> bob, by "
                                + states.runIds.get(0),
                        "Next:",
                        "  2026-01-06T09:00:00Z  SLA_BREACH  the deadline passes: the task is breached",
                        "  2026-01-06T09:00:00Z  ESCALATION  escalation to level 1: role:department_head"
                                + " (step PO-2/0/ESCALATION/1)",
                        "  2026-01-07T09:00:00Z  RE_ESCALATION  re-escalation 1: role:department_head"
                                + " (step PO-2/0/RE_ESCALATION/1)",
                        ""));
    }

    @Test
    void explain_as_json_gives_the_timeline_record() throws IOException {
        JsonNode timeline = json(cli("explain", "PO-2", "--policies", policies().toString(), "--json"));

        assertThat(timeline.get("policy").asText()).isEqualTo("Manager Approval");
        assertThat(timeline.get("deadline").asText()).isEqualTo("2026-01-06T09:00:00Z");
        assertThat(timeline.get("past")).hasSize(2);
    }

    @Test
    void explain_with_a_policy_file_that_does_not_read_is_a_usage_error_naming_the_file() throws IOException {
        Path bad = Files.writeString(
                files.resolve("bad.json"), "[{\"stage_name\": \"Manager Approval\", \"sla_hours\": \"x\"}]");

        CliRun run = cli("explain", "PO-2", "--policies", bad.toString());

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err())
                .contains("Invalid value for option '--policies': " + bad)
                .contains("sla_hours");
    }

    @Test
    void explain_of_an_unknown_task_is_a_usage_error() throws IOException {
        CliRun run = cli("explain", "PO-404", "--policies", policies().toString());

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err()).contains("no task 'PO-404' is stored");
    }

    @Test
    void explain_of_another_tenants_task_is_a_usage_error() throws IOException {
        CliRun run = cli("explain", "PO-2", "--policies", policies().toString(), "--tenant", "acme");

        assertThat(run.exitCode()).isEqualTo(EscalationCli.USAGE);
        assertThat(run.err()).contains("no task 'PO-2' in tenant acme");
    }

    private Path policies() throws IOException {
        return Files.writeString(
                files.resolve("policies.json"),
                "[{\"stage_name\": \"Manager Approval\", \"sla_hours\": 24, \"escalation_enabled\": true,"
                        + " \"escalation_to\": \"department_head\", \"max_re_escalations\": 1}]");
    }

    /** The version of the policy that {@link #policies()} writes, read as the command reads it. */
    private String versionOfPoliciesFile() throws IOException {
        return new ObjectMapper()
                .readValue(policies().toFile(), dev.escalation.core.policy.PolicyDefinition[].class)[0]
                .toPolicy()
                .version();
    }

    private static JsonNode json(CliRun run) {
        try {
            return new ObjectMapper().readTree(run.out());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + run.out() + run.err(), e);
        }
    }

    private static List<String> ids(JsonNode tasks) {
        List<String> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    /** The idempotency keys of PO-3-unreachable's escalation notices, both given up. */
    private static final String KEY_TO_NEW_ASSIGNEE = "PO-3-unreachable/0/ESCALATION/1/new-assignee";

    private static final String KEY_TO_PREVIOUS_ASSIGNEE = "PO-3-unreachable/0/ESCALATION/1/previous-assignee";

    /**
     * On the 5th: PO-3 (07:00), PO-2, PO-5, PO-6 (09:00) and PO-4 (10:00) opened, PO-6 completed in an
     * hour (the sketch's p50 is within its 0.2 % of 1 h; no deadline recorded, the engine had not
     * run); on the 6th: PO-1 opened, PO-3 breached at 07:00 and escalated to level 1, ACME-1 opened.
     */
    private static final String REPORT_CSV = String.join(
            "\r\n",
            "period_start,workflow_type,stage,tenant,opened,completed,completed_within_sla,within_sla_share,cancelled,"
                    + "breaches,p50,p90,p99,sla_target,escalations_by_level",
            "2026-01-05T00:00:00Z,purchase-order,Manager Approval,,5,1,1,1.0000,0,0,PT1H6S,PT1H6S,PT1H6S,,",
            "2026-01-06T00:00:00Z,purchase-order,Manager Approval,,1,0,0,,0,1,,,,,L1=1",
            "2026-01-06T00:00:00Z,purchase-order,Manager Approval,acme,1,0,0,,0,0,,,,,",
            "");
}
