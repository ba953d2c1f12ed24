package dev.escalation.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A task's goal progress as stores keep it: one line of text that reads back to the same book, and a
 * clear refusal of text that is no book's (a corrupt column must not become a wrong plan).
 */
class GoalBookTest {

    private static final Instant T = Instant.parse("2026-03-29T00:30:00Z");

    private static GoalProgress progress(int offsetHours, Optional<Instant> metAt) {
        Instant at = T.plus(Duration.ofHours(offsetHours));
        return new GoalProgress(
                Optional.of(at),
                2,
                1,
                Optional.of(at.plusSeconds(60)),
                3,
                Optional.of(at.plusSeconds(120)),
                Optional.of(at.minusSeconds(3_600)),
                Optional.of(at.plusSeconds(7_200)),
                Optional.of(at.plusSeconds(9_000)),
                metAt);
    }

    private static GoalBook twoGoals() {
        Map<String, GoalProgress> goals = new LinkedHashMap<>();
        goals.put("response", progress(1, Optional.of(T.plus(Duration.ofHours(2)))));
        goals.put("resolution", progress(5, Optional.empty()));
        return new GoalBook(goals, Optional.of(T.plus(Duration.ofMinutes(30))));
    }

    @Test
    void a_book_reads_back_from_its_text_with_every_value_and_the_goals_in_order() {
        GoalBook book = twoGoals();

        GoalBook read = GoalBook.fromText(book.toText());

        assertThat(read).isEqualTo(book);
        assertThat(read.goals().keySet()).containsExactly("response", "resolution");
    }

    @Test
    void a_book_with_nothing_recorded_reads_back_empty_and_no_text_is_the_empty_book() {
        assertThat(GoalBook.fromText(GoalBook.EMPTY.toText())).isEqualTo(GoalBook.EMPTY);
        assertThat(GoalBook.EMPTY.toText()).isEqualTo("reassigned=-");
        assertThat(GoalBook.fromText(null)).isEqualTo(GoalBook.EMPTY);
        assertThat(GoalBook.fromText("")).isEqualTo(GoalBook.EMPTY);
        assertThat(GoalBook.EMPTY.isEmpty()).isTrue();
        assertThat(twoGoals().isEmpty()).isFalse();
    }

    @Test
    void text_that_does_not_start_as_a_book_is_refused_with_the_text() {
        assertThatThrownBy(() -> GoalBook.fromText("response=-"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a goal book: response=-");
    }

    @Test
    void a_goal_with_too_few_values_or_no_values_is_refused_naming_the_part() {
        assertThatThrownBy(() -> GoalBook.fromText("reassigned=-;response=-,0,0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a goal's progress: response=-,0,0");
        assertThatThrownBy(() -> GoalBook.fromText("reassigned=-;response"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a goal's progress: response");
    }

    @Test
    void a_name_that_is_no_goal_name_is_refused() {
        assertThatThrownBy(() -> new GoalBook(Map.of("has space", GoalProgress.NONE), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a goal name: 'has space'");
    }

    @Test
    void a_goal_without_progress_reads_as_none_and_with_replaces_only_that_goal() {
        GoalBook book = twoGoals();

        GoalBook changed = book.with("resolution", GoalProgress.NONE);

        assertThat(book.progress("first_reply")).isEqualTo(GoalProgress.NONE);
        assertThat(changed.progress("resolution")).isEqualTo(GoalProgress.NONE);
        assertThat(changed.progress("response")).isEqualTo(book.progress("response"));
    }

    @Test
    void a_reassignment_keeps_met_goals_met_restarts_open_ones_and_remembers_the_first_reassignment() {
        GoalBook book = twoGoals();
        Instant later = T.plus(Duration.ofHours(9));

        GoalBook after = book.afterReassignment(later);

        assertThat(after.goals()).containsOnlyKeys("response");
        assertThat(after.progress("response")).isEqualTo(GoalProgress.NONE.metAt(T.plus(Duration.ofHours(2))));
        assertThat(after.reassignedAt()).isEqualTo(book.reassignedAt());
        assertThat(GoalBook.EMPTY.afterReassignment(later).reassignedAt()).contains(later);
    }

    @Test
    void a_goals_count_of_applied_warning_thresholds_reads_back_as_the_eleventh_value() {
        GoalProgress twoWarnings = new GoalProgress(
                Optional.of(T),
                0,
                0,
                Optional.empty(),
                0,
                Optional.empty(),
                Optional.of(T),
                Optional.of(T.plus(Duration.ofHours(4))),
                Optional.of(T.plus(Duration.ofHours(1))),
                Optional.empty(),
                2);
        GoalBook book = new GoalBook(Map.of("response", twoWarnings), Optional.empty());

        String text = book.toText();

        assertThat(text).endsWith(",-,2");
        assertThat(GoalBook.fromText(text).progress("response").warningsSent()).isEqualTo(2);
    }

    @Test
    void a_book_stored_with_ten_values_per_goal_reads_with_the_warning_count_its_warning_implies() {
        String stored = "reassigned=-;response=2026-03-29T01:30:00Z,0,0,-,0,-,-,-,-,-;resolution=-,0,0,-,0,-,-,-,-,-";

        GoalBook book = GoalBook.fromText(stored);

        assertThat(book.progress("response").warnedAt()).contains(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(book.progress("response").warningsSent()).isEqualTo(1);
        assertThat(book.progress("resolution").warningsSent()).isZero();
    }
}
