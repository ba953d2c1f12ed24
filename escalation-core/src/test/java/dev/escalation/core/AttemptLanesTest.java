package dev.escalation.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery threads as lanes: each takes the batch's next attempt when done with one, at most the
 * parallelism at once, an attempt past its timeout interrupted and its lane replaced. Real time appears
 * only as timeouts and bounded waits; attempts that must hang block on latches released at the end.
 */
class AttemptLanesTest {

    private static final Duration LONG = Duration.ofSeconds(20);
    private static final Duration SHORT = Duration.ofMillis(200);
    /** A start window wider than any test: attempts may start throughout. */
    private static final LongSupplier OPEN = () -> Duration.ofDays(1).toNanos();

    private final ExecutorService threads = DeliveryThreads.start();
    private final CountDownLatch endOfTest = new CountDownLatch(1);

    @AfterEach
    void stopThreads() {
        endOfTest.countDown();
        threads.shutdownNow();
    }

    @Test
    void outcomes_come_back_in_the_order_of_the_attempts() throws Exception {
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int value = i;
            attempts.add(() -> value);
        }

        List<AttemptLanes.Outcome<Integer>> outcomes = new AttemptLanes(threads, 4, LONG).run(attempts, OPEN);

        assertThat(outcomes).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(outcomes.get(i)).isEqualTo(new AttemptLanes.Done<>(i));
        }
    }

    @Test
    void a_batch_runs_on_no_more_threads_than_the_parallelism() throws Exception {
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            attempts.add(() -> used.add(Thread.currentThread()));
        }

        new AttemptLanes(threads, 3, LONG).run(attempts, OPEN);

        assertThat(used).hasSizeBetween(1, 3);
    }

    @Test
    void a_slow_attempt_holds_only_its_own_thread_while_the_others_go_on_with_the_batch() throws Exception {
        CountDownLatch othersDone = new CountDownLatch(4);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        // The first waits for the four behind it: with two threads they can only get there on the other one.
        attempts.add(() -> othersDone.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < 4; i++) {
            attempts.add(() -> {
                othersDone.countDown();
                return true;
            });
        }

        List<AttemptLanes.Outcome<Boolean>> outcomes = new AttemptLanes(threads, 2, LONG).run(attempts, OPEN);

        assertThat(outcomes).containsOnly(new AttemptLanes.Done<>(true));
    }

    @Test
    void an_attempt_past_its_timeout_is_interrupted_and_a_new_thread_takes_the_rest() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        List<Callable<String>> attempts = List.of(
                () -> {
                    try {
                        endOfTest.await();
                        return "released";
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                },
                () -> "second",
                () -> "third");

        List<AttemptLanes.Outcome<String>> outcomes = new AttemptLanes(threads, 1, SHORT).run(attempts, OPEN);

        assertThat(outcomes)
                .containsExactly(
                        new AttemptLanes.TimedOut<>(),
                        new AttemptLanes.Done<>("second"),
                        new AttemptLanes.Done<>("third"));
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void once_the_start_window_is_closed_nothing_further_starts() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int value = i;
            attempts.add(() -> value);
        }

        // Open, open, closed, then open again: a clock set back must not start what follows a skipped attempt.
        List<AttemptLanes.Outcome<Integer>> outcomes = new AttemptLanes(threads, 1, LONG)
                .run(attempts, () -> asked.incrementAndGet() != 3 ? OPEN.getAsLong() : 0);

        assertThat(outcomes)
                .containsExactly(
                        new AttemptLanes.Done<>(0),
                        new AttemptLanes.Done<>(1),
                        new AttemptLanes.NotStarted<>(),
                        new AttemptLanes.NotStarted<>(),
                        new AttemptLanes.NotStarted<>());
    }

    @Test
    void the_start_window_is_asked_once_per_parallelism_attempts() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int value = i;
            attempts.add(() -> value);
        }

        new AttemptLanes(threads, 4, LONG).run(attempts, () -> {
            asked.incrementAndGet();
            return OPEN.getAsLong();
        });

        // As often as the rounds of four read the clock before the lanes: a database's clock is a round trip.
        assertThat(asked).hasValue(5);
    }

    @Test
    void no_attempt_starts_after_the_window_has_run_out_in_elapsed_time() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        // The first answer: one nanosecond left, and a microsecond passes while it is given. The second: closed.
        LongSupplier window = () -> {
            if (asked.incrementAndGet() > 1) {
                return 0;
            }
            long start = System.nanoTime();
            while (System.nanoTime() - start < 1_000) {
                Thread.onSpinWait();
            }
            return 1;
        };

        List<AttemptLanes.Outcome<String>> outcomes = new AttemptLanes(threads, 2, LONG)
                .run(List.<Callable<String>>of(() -> "first", () -> "second"), window);

        // Whichever lane comes second is within the two one reading admits, but past the window it gave.
        assertThat(outcomes).filteredOn(o -> o instanceof AttemptLanes.Done).hasSize(1);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof AttemptLanes.NotStarted)
                .hasSize(1);
        assertThat(asked).hasValue(2);
    }

    @Test
    void a_start_window_that_fails_stops_the_batch_and_is_thrown_once_the_attempts_under_way_are_done() {
        AtomicInteger asked = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        IllegalStateException unreadable = new IllegalStateException("the clock cannot be read");
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            attempts.add(started::incrementAndGet);
        }

        // Open once, then the clock fails: a lane that cannot ask must not leave the batch waiting forever.
        assertThatThrownBy(() -> new AttemptLanes(threads, 1, LONG).run(attempts, () -> {
                    if (asked.incrementAndGet() > 1) {
                        throw unreadable;
                    }
                    return OPEN.getAsLong();
                }))
                .isSameAs(unreadable);
        assertThat(started).hasValue(1);
    }

    @Test
    void a_failed_attempt_comes_back_with_its_cause_and_the_batch_goes_on() throws Exception {
        IllegalStateException refused = new IllegalStateException("mail server refused");
        List<Callable<String>> attempts = List.of(
                () -> {
                    throw refused;
                },
                () -> "next");

        List<AttemptLanes.Outcome<String>> outcomes = new AttemptLanes(threads, 1, LONG).run(attempts, OPEN);

        assertThat(outcomes).containsExactly(new AttemptLanes.Failed<>(refused), new AttemptLanes.Done<>("next"));
    }
}
