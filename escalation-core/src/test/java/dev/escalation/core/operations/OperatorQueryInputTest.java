package dev.escalation.core.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad query input is refused before anything is read, naming the field and the value. */
class OperatorQueryInputTest {

    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    @Test
    void a_page_size_of_zero_is_refused_naming_the_limit() {
        assertThatThrownBy(() -> TaskQuery.asOf(NOW).limit(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 1000, but was 0");
    }

    @Test
    void a_page_size_above_the_maximum_is_refused_naming_the_limit() {
        assertThatThrownBy(() -> AuditQuery.all().limit(10_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 10000, but was 10001");
    }

    @Test
    void a_blank_filter_is_refused_naming_the_field() {
        assertThatThrownBy(() -> TaskQuery.asOf(NOW).stage(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stage");
        assertThatThrownBy(() -> OutboxQuery.undelivered().tenant(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tenant");
    }

    @Test
    void a_time_range_that_ends_before_it_starts_is_refused_naming_both_ends() {
        assertThatThrownBy(() -> AuditQuery.all().between(NOW, NOW.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("until must be after from (2026-01-05T09:00:00Z), but was 2026-01-05T08:59:59Z");
    }

    @Test
    void a_time_range_open_at_either_end_is_accepted() {
        AuditQuery since = new AuditQuery(
                java.util.Optional.empty(),
                java.util.Set.of(),
                java.util.Optional.empty(),
                java.util.Optional.of(NOW),
                java.util.Optional.empty(),
                AuditQuery.DEFAULT_LIMIT,
                java.util.Optional.empty());
        AuditQuery before = new AuditQuery(
                java.util.Optional.empty(),
                java.util.Set.of(),
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                java.util.Optional.of(NOW),
                AuditQuery.DEFAULT_LIMIT,
                java.util.Optional.empty());

        assertThat(since.from()).contains(NOW);
        assertThat(since.until()).isEmpty();
        assertThat(before.from()).isEmpty();
        assertThat(before.until()).contains(NOW);
    }

    @Test
    void a_cursor_carries_any_text_in_its_parts_and_reads_back_exactly() {
        List<String> parts = List.of("2026-01-05T09:00:00Z", "PO:7\u0000/é😀", "");

        assertThat(PageCursor.decode("after", PageCursor.encode(parts), 3)).isEqualTo(parts);
    }

    @Test
    void a_cursor_of_another_shape_is_refused_naming_the_field_and_the_value() {
        String twoParts = PageCursor.encode(List.of("a", "b"));

        assertThatThrownBy(() -> PageCursor.decode("after", twoParts, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("after must be a cursor that a page of this query returned, but was '" + twoParts + "'");
        assertThatThrownBy(() -> PageCursor.decode("after", "%%%", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'%%%'");
    }
}
