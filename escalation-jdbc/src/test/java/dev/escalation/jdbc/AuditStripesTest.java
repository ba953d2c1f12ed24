package dev.escalation.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.policy.EscalationTarget;
import dev.escalation.core.policy.SlaPolicy;
import dev.escalation.core.task.NewTask;
import dev.escalation.core.time.ManualClock;
import dev.escalation.jdbc.AuditVerification.Problem;
import dev.escalation.jdbc.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Entries without a tenant are spread over stripes by task ({@code global:<stripe>/<stripes>}), so
 * that engines do not all queue on one chain head; every stripe is a chain of its own that verifies
 * alone, and a task's entries stay in one stripe, in order.
 */
abstract class AuditStripesTest {

    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");
    static final int STRIPES = 4;
    static final int TASKS = 12;

    final ManualClock clock = ManualClock.at(START);
    JdbcEscalationStore store;
    AuditForgery forgery;

    abstract TestDatabase db();

    /** Twelve tasks without a tenant opened, warned and escalated (4 entries each), and one of tenant acme opened and completed. */
    @BeforeEach
    void writeATrail() {
        store = db().store(clock, b -> b.auditStripes(STRIPES));
        forgery = new AuditForgery(db());
        for (int i = 0; i < TASKS; i++) {
            store.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Approval", "alice", START));
        }
        store.tasks()
                .open(NewTask.of("ACME-1", "purchase-order", "Approval", "alice", START)
                        .withTenant("acme"));
        store.tasks().complete("ACME-1");
        runTheEngineOverADay(store, START);
    }

    @Test
    void an_entry_without_a_tenant_goes_to_the_stripe_that_the_sha256_of_its_task_id_names() throws SQLException {
        List<List<String>> rows =
                db().query("SELECT task_id, chain FROM " + db().table("audit") + " WHERE tenant IS NULL");

        assertThat(rows).hasSize(TASKS * 4);
        for (List<String> row : rows) {
            assertThat(row.get(1)).as(row.get(0)).isEqualTo("global:" + stripe(row.get(0), STRIPES) + "/" + STRIPES);
        }
    }

    @Test
    void the_entries_of_one_task_lie_in_one_chain_in_the_order_they_were_appended() throws SQLException {
        Map<String, List<List<String>>> byTask = db()
                .query("SELECT task_id, chain, chain_seq, type FROM " + db().table("audit")
                        + " WHERE tenant IS NULL ORDER BY seq")
                .stream()
                .collect(Collectors.groupingBy(r -> r.get(0), TreeMap::new, Collectors.toList()));

        assertThat(byTask).hasSize(TASKS);
        byTask.forEach((task, entries) -> {
            assertThat(entries)
                    .as(task)
                    .extracting(r -> r.get(1))
                    .containsOnly(entries.get(0).get(1));
            assertThat(entries)
                    .as(task)
                    .extracting(r -> Long.parseLong(r.get(2)))
                    .isSorted()
                    .doesNotHaveDuplicates();
            assertThat(entries)
                    .as(task)
                    .extracting(r -> r.get(3))
                    .containsExactly("TASK_OPENED", "WARNING_SENT", "SLA_BREACHED", "ESCALATED");
        });
    }

    @Test
    void the_entries_without_a_tenant_are_spread_over_several_stripes_and_a_tenant_keeps_its_one_chain() {
        List<AuditVerification> all = store.auditVerifier().verifyAll();

        assertThat(all).extracting(AuditVerification::chain).containsExactlyElementsOf(expectedChains());
        assertThat(expectedChains()).as("the stripes twelve tasks fall into").hasSizeGreaterThan(2);
    }

    @Test
    void every_stripe_verifies_alone_and_together_they_hold_every_entry() {
        List<AuditVerification> all = store.auditVerifier().verifyAll();

        assertThat(all).allSatisfy(v -> assertThat(v.firstBreak()).as(v.chain()).isEmpty());
        assertThat(all.stream()
                        .filter(v -> v.chain().startsWith("global:"))
                        .mapToLong(AuditVerification::entriesChecked)
                        .sum())
                .isEqualTo(TASKS * 4);
        assertThat(all)
                .allSatisfy(v ->
                        assertThat(store.auditVerifier().verifyChain(v.chain())).isEqualTo(v));
    }

    @Test
    void a_changed_entry_is_reported_in_its_stripe_whichever_stripe_it_is_in() throws SQLException {
        for (String stripe : stripes()) {
            db().execute("UPDATE " + db().table("audit") + " SET actor = 'mallory' WHERE chain = '" + stripe
                    + "' AND chain_seq = 2");
        }

        assertEveryStripeBrokenAt(2, Problem.CONTENT_CHANGED);
    }

    @Test
    void a_removed_entry_is_reported_in_its_stripe_whichever_stripe_it_is_in() throws SQLException {
        for (String stripe : stripes()) {
            db().execute("DELETE FROM " + db().table("audit") + " WHERE chain = '" + stripe + "' AND chain_seq = 2");
        }

        assertEveryStripeBrokenAt(2, Problem.ENTRIES_MISSING);
    }

    @Test
    void two_reordered_entries_are_reported_in_their_stripe_whichever_stripe_they_are_in() throws SQLException {
        for (String stripe : stripes()) {
            List<List<String>> order = db().query("SELECT seq FROM " + db().table("audit") + " WHERE chain = '" + stripe
                    + "' AND chain_seq IN (1, 2) ORDER BY chain_seq");
            db().execute("UPDATE " + db().table("audit") + " SET seq = -1 WHERE chain = '" + stripe
                    + "' AND chain_seq = 1");
            db().execute("UPDATE " + db().table("audit") + " SET seq = "
                    + order.get(0).get(0) + " WHERE chain = '" + stripe + "' AND chain_seq = 2");
            db().execute("UPDATE " + db().table("audit") + " SET seq = "
                    + order.get(1).get(0) + " WHERE chain = '" + stripe + "' AND chain_seq = 1");
        }

        assertEveryStripeBrokenAt(2, Problem.ORDER_CHANGED);
    }

    @Test
    void an_entry_moved_into_another_stripe_with_every_hash_recomputed_is_reported_there() throws SQLException {
        List<String> stripes = stripes();
        String from = stripes.get(0);
        String to = stripes.get(1);
        long fromHead = store.auditVerifier().head(from).orElseThrow().place();
        long toHead = store.auditVerifier().head(to).orElseThrow().place();
        String moved = db().query("SELECT entry_id FROM " + db().table("audit") + " WHERE chain = '" + from
                        + "' AND chain_seq = " + fromHead)
                .get(0)
                .get(0);
        db().execute("UPDATE " + db().table("audit") + " SET chain = '" + to + "', chain_seq = " + (toHead + 1)
                + " WHERE entry_id = '" + moved + "'");
        forgery.rehashFrom(to, toHead + 1);
        forgery.moveHeadTo(from, fromHead - 1);

        List<AuditVerification> all = store.auditVerifier().verifyAll();

        assertThat(all)
                .filteredOn(v -> v.chain().equals(from))
                .singleElement()
                .satisfies(v -> assertThat(v.intact()).isTrue());
        assertThat(all).filteredOn(v -> v.chain().equals(to)).singleElement().satisfies(v -> {
            AuditVerification.Break found = v.firstBreak().orElseThrow();
            assertThat(found.problem()).isEqualTo(Problem.WRONG_CHAIN);
            assertThat(found.chainSeq()).isEqualTo(toHead + 1);
            assertThat(found.entryId()).contains(moved);
            assertThat(found.message()).contains("their task's stripe ('" + from + "')");
        });
    }

    @Test
    void changing_the_stripe_count_starts_new_stripes_beside_the_old_ones_and_all_still_verify() throws SQLException {
        JdbcEscalationStore moreStripes = db().store(clock, b -> b.auditStripes(7));
        Instant nextDay = START.plus(Duration.ofDays(1));
        clock.set(nextDay);
        for (int i = TASKS; i < 2 * TASKS; i++) {
            moreStripes.tasks().open(NewTask.of("PO-" + i, "purchase-order", "Approval", "alice", nextDay));
        }
        runTheEngineOverADay(moreStripes, nextDay);

        List<AuditVerification> all = moreStripes.auditVerifier().verifyAll();

        assertThat(all).allSatisfy(v -> assertThat(v.firstBreak()).as(v.chain()).isEmpty());
        assertThat(all).extracting(AuditVerification::chain).anyMatch(c -> c.endsWith("/" + STRIPES));
        assertThat(all).extracting(AuditVerification::chain).anyMatch(c -> c.endsWith("/7"));
        assertThat(all.stream().mapToLong(AuditVerification::entriesChecked).sum())
                .as("every row walked")
                .isEqualTo(Long.parseLong(db().query("SELECT COUNT(*) FROM " + db().table("audit"))
                        .get(0)
                        .get(0)));
        List<String> chainsOfAnOldTask =
                db().query("SELECT chain FROM " + db().table("audit") + " WHERE task_id = 'PO-0' ORDER BY seq").stream()
                        .map(r -> r.get(0))
                        .toList();
        assertThat(chainsOfAnOldTask.subList(0, 4)).containsOnly("global:" + stripe("PO-0", STRIPES) + "/" + STRIPES);
        assertThat(chainsOfAnOldTask.subList(4, chainsOfAnOldTask.size()))
                .as("its entries after the change")
                .isNotEmpty()
                .containsOnly("global:" + stripe("PO-0", 7) + "/7");
    }

    @Test
    void verifying_the_entries_without_a_tenant_as_one_chain_is_refused_when_they_are_striped() {
        assertThatThrownBy(() -> store.auditVerifier().verify(Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spread over 4 chains")
                .hasMessageContaining("verifyAll()");
    }

    @Test
    void a_stripe_count_outside_1_to_4096_is_refused_naming_the_value() {
        JdbcEscalationStore.Builder builder = db().storeBuilder(db().dataSource(), clock);

        assertThatThrownBy(() -> builder.auditStripes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auditStripes must be between 1 and 4096, but was 0");
        assertThatThrownBy(() -> builder.auditStripes(4097))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auditStripes must be between 1 and 4096, but was 4097");
    }

    /** The stripe of a task as docs/reliability.md defines it, computed here without the library. */
    static int stripe(String taskId, int stripes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(taskId.getBytes(StandardCharsets.UTF_8));
            long leading = Integer.toUnsignedLong(((digest[0] & 0xff) << 24)
                    | ((digest[1] & 0xff) << 16)
                    | ((digest[2] & 0xff) << 8)
                    | (digest[3] & 0xff));
            return (int) (leading % stripes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs an engine on {@code on} at the warning point and at the deadline of tasks opened at {@code day}. */
    private void runTheEngineOverADay(JdbcEscalationStore on, Instant day) {
        EscalationEngine engine = EscalationEngine.builder()
                .repository(on.repository())
                .policy(SlaPolicy.builder("Approval")
                        .sla(Duration.ofHours(24))
                        .warnBefore(Duration.ofHours(2))
                        .escalateTo(EscalationTarget.user("dora"))
                        .build())
                .notifier(n -> {})
                .build();
        clock.set(day.plus(Duration.ofHours(22)));
        engine.runOnce();
        clock.set(day.plus(Duration.ofHours(24)));
        engine.runOnce();
    }

    private Set<String> expectedChains() {
        Set<String> chains = new TreeSet<>();
        for (int i = 0; i < TASKS; i++) {
            chains.add("global:" + stripe("PO-" + i, STRIPES) + "/" + STRIPES);
        }
        chains.add("tenant:acme");
        return chains;
    }

    private List<String> stripes() {
        return expectedChains().stream().filter(c -> c.startsWith("global:")).toList();
    }

    private void assertEveryStripeBrokenAt(long place, Problem problem) {
        List<AuditVerification> all = store.auditVerifier().verifyAll();

        assertThat(all)
                .filteredOn(v -> v.chain().startsWith("global:"))
                .hasSize(stripes().size())
                .allSatisfy(v -> {
                    AuditVerification.Break found =
                            v.firstBreak().orElseThrow(() -> new AssertionError(v.chain() + " intact"));
                    assertThat(found.problem()).as(v.chain()).isEqualTo(problem);
                    assertThat(found.chainSeq()).as(v.chain()).isEqualTo(place);
                    assertThat(found.message()).contains("'" + v.chain() + "'");
                });
        assertThat(all)
                .filteredOn(v -> v.chain().equals("tenant:acme"))
                .singleElement()
                .satisfies(v -> assertThat(v.intact()).isTrue());
    }

    static final class OnPostgres extends AuditStripesTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.postgres();

        @Override
        TestDatabase db() {
            return db;
        }
    }

    static final class OnH2 extends AuditStripesTest {
        @RegisterExtension
        final TestDatabase db = TestDatabase.h2();

        @Override
        TestDatabase db() {
            return db;
        }
    }
}
