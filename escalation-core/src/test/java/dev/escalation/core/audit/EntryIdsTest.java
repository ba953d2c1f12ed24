package dev.escalation.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Audit entry ids that sort by creation (issue #19): RFC 9562 version 7 UUIDs whose time part is
 * the entry's instant, so that a store's index on the id grows at its right edge.
 */
class EntryIdsTest {

    private static final Instant AT = Instant.parse("2026-01-05T09:00:00.123Z");
    private static final String UUID_TEXT = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void an_id_is_a_lowercase_uuid_of_version_7_and_variant_2() {
        String id = EntryIds.at(AT);

        UUID uuid = UUID.fromString(id);
        assertThat(id).matches(UUID_TEXT).isEqualTo(uuid.toString());
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
    }

    @Test
    void ids_made_at_one_instant_sort_in_the_order_they_were_made() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(EntryIds.at(AT));
        }

        assertThat(ids).isSortedAccordingTo(String::compareTo).doesNotHaveDuplicates();
    }

    @Test
    void an_id_of_a_later_millisecond_sorts_after_the_ids_of_an_earlier_one() {
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            earlier.add(EntryIds.at(AT));
        }

        String later = EntryIds.at(AT.minusNanos(1).plus(Duration.ofMillis(1)).plusNanos(1));

        assertThat(earlier).allSatisfy(id -> assertThat(later.compareTo(id)).isPositive());
    }

    @Test
    void the_time_part_is_the_instants_unix_milliseconds() {
        UUID uuid = UUID.fromString(EntryIds.at(AT.plusNanos(999_999)));

        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(AT.toEpochMilli());
    }

    @Test
    void ids_made_by_four_threads_at_once_are_distinct() throws Exception {
        int threads = 4;
        int each = 25_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> made = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                made.add(pool.submit(() -> {
                    assertThat(start.await(30, TimeUnit.SECONDS)).isTrue();
                    List<String> ids = new ArrayList<>(each);
                    for (int i = 0; i < each; i++) {
                        ids.add(EntryIds.at(AT));
                    }
                    return ids;
                }));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            for (Future<List<String>> ids : made) {
                distinct.addAll(ids.get(60, TimeUnit.SECONDS));
            }

            assertThat(distinct).hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_instant_before_1970_gets_the_time_part_zero_and_still_sorts_by_creation() {
        Instant before = Instant.parse("0001-01-01T00:00:00Z");

        String first = EntryIds.at(before);
        String second = EntryIds.at(before);

        assertThat(UUID.fromString(first).getMostSignificantBits() >>> 16).isZero();
        assertThat(UUID.fromString(first).version()).isEqualTo(7);
        assertThat(first).isLessThan(second).isLessThan(EntryIds.at(Instant.EPOCH.plusMillis(1)));
    }

    @Test
    void an_instant_beyond_48_bits_of_milliseconds_gets_the_largest_time_part() {
        Instant beyond = Instant.ofEpochMilli(1L << 48);

        String id = EntryIds.at(Instant.MAX);

        assertThat(UUID.fromString(id).getMostSignificantBits() >>> 16).isEqualTo((1L << 48) - 1);
        assertThat(UUID.fromString(EntryIds.at(beyond)).getMostSignificantBits() >>> 16)
                .isEqualTo((1L << 48) - 1);
        assertThat(EntryIds.at(beyond.minusMillis(2))).isLessThan(id);
    }
}
