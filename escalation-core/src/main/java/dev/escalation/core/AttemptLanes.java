package dev.escalation.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Runs a batch of delivery attempts on at most {@code parallelism} delivery threads at once, each
 * attempt cut off after the timeout.
 *
 * <p>Each thread is a lane: it takes the batch's next attempt as soon as it is done with one, so a
 * batch of 500 wakes {@code parallelism} threads, not 500. A thread per attempt cost about 10 µs of
 * hand-off each on 2 cores: 90-100 ms of a 10,000-step run against a notifier that returns at once
 * (#19). It also means that a slow recipient holds up only its own lane, not the attempts beside it.
 *
 * <p>An attempt still running at its timeout is given up on: its thread is interrupted and left to the
 * notifier, and a new lane takes its place. The interrupt is sent under the attempt's lock, which the
 * lane needs to hand in its result: so it reaches the thread while that attempt still runs, never a
 * later attempt of the same thread.
 *
 * <p>Attempts start only inside a window the caller names: {@code startWindow} says for how many
 * nanoseconds from now an attempt may still start (the run's lease less one timeout, by the run's clock).
 * It is asked once per {@code parallelism} attempts, as often as the rounds before the lanes read the
 * clock, and one lane at a time (a clock may be a database's, one connection a reading); in between, the
 * window is counted down in elapsed time, so that no attempt starts later than the last answer allows. Once
 * it is closed, nothing further starts and the rest come back as not started. When it throws (a clock that
 * cannot be read), nothing further starts either, and {@link #run} throws that failure once the attempts
 * under way are done: the run fails as it did when the clock failed between rounds.
 */
final class AttemptLanes {

    /** What became of one attempt. */
    sealed interface Outcome<T> {}

    /** The attempt returned {@code value}. */
    record Done<T>(T value) implements Outcome<T> {}

    /** The attempt threw {@code cause}. */
    record Failed<T>(Throwable cause) implements Outcome<T> {}

    /** The attempt was still running at its timeout: its thread was interrupted. */
    record TimedOut<T>() implements Outcome<T> {}

    /** The attempt was never started: the start window had closed first. */
    record NotStarted<T>() implements Outcome<T> {}

    private final ExecutorService threads;
    private final int parallelism;
    private final long timeoutNanos;

    AttemptLanes(ExecutorService threads, int parallelism, Duration timeout) {
        this.threads = threads;
        this.parallelism = parallelism;
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Runs {@code attempts} and returns their outcomes in the same order.
     *
     * @param startWindow nanoseconds from now in which an attempt may still start; negative or zero: none
     * @throws InterruptedException when the calling thread is interrupted while waiting: the attempts
     *     running are interrupted, none further starts
     */
    <T> List<Outcome<T>> run(List<Callable<T>> attempts, LongSupplier startWindow) throws InterruptedException {
        Batch<T> batch = new Batch<>(attempts, new Gate(startWindow));
        for (int lane = 0; lane < Math.min(parallelism, attempts.size()); lane++) {
            threads.execute(batch::lane);
        }
        try {
            // No attempt can run out of time before a whole timeout has passed.
            long wait = timeoutNanos;
            while (!batch.finished.await(wait, TimeUnit.NANOSECONDS)) {
                wait = batch.timeOutOverdue(System.nanoTime(), timeoutNanos);
            }
        } catch (InterruptedException e) {
            batch.stop();
            throw e;
        }
        batch.gate.rethrowFailure();
        List<Outcome<T>> outcomes = new ArrayList<>(attempts.size());
        for (Slot<T> slot : batch.slots) {
            outcomes.add(slot.outcome());
        }
        return outcomes;
    }

    /** One batch: the attempts, the next one to take, and what became of each. */
    private final class Batch<T> {
        private final List<Callable<T>> attempts;
        private final List<Slot<T>> slots;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch finished;
        private final Gate gate;
        private volatile boolean stopped;

        Batch(List<Callable<T>> attempts, Gate gate) {
            this.attempts = attempts;
            this.gate = gate;
            this.finished = new CountDownLatch(attempts.size());
            this.slots = new ArrayList<>(attempts.size());
            for (int i = 0; i < attempts.size(); i++) {
                slots.add(new Slot<>(finished));
            }
        }

        /** A lane: takes attempts until none is left, or until the one it runs timed out. */
        void lane() {
            for (int i = next.getAndIncrement(); i < attempts.size(); i = next.getAndIncrement()) {
                Slot<T> slot = slots.get(i);
                if (stopped || !gate.admit()) {
                    slot.finish(new NotStarted<>());
                    continue;
                }
                slot.start(Thread.currentThread(), System.nanoTime());
                Outcome<T> outcome;
                try {
                    outcome = new Done<>(attempts.get(i).call());
                } catch (Throwable e) { // an Error too: the run's thread rethrows it
                    outcome = new Failed<>(e);
                }
                if (!slot.finish(outcome)) {
                    // Timed out meanwhile: a new lane has taken this one's place. Clear the interrupt meant for
                    // the attempt, so that it does not reach this thread's next task.
                    Thread.interrupted();
                    return;
                }
            }
        }

        /**
         * Times out every attempt past its timeout, starting a lane in place of each; returns how long to
         * wait until the next running attempt reaches its timeout.
         */
        long timeOutOverdue(long now, long timeout) {
            long wait = timeout;
            for (Slot<T> slot : slots) {
                long left = slot.timeLeft(now, timeout);
                if (left <= 0 && slot.timeOut()) {
                    threads.execute(this::lane);
                } else if (left > 0) {
                    wait = Math.min(wait, left);
                }
            }
            return wait;
        }

        /** Starts nothing further and interrupts what runs. */
        void stop() {
            stopped = true;
            for (Slot<T> slot : slots) {
                slot.timeOut();
            }
        }
    }

    /** Admits attempts while the start window is open; shut for good once it is not, or once it failed. */
    private final class Gate {
        private final LongSupplier startWindow;
        private long openUntil;
        private int admitsLeft;
        private boolean shut;
        private RuntimeException failure;

        Gate(LongSupplier startWindow) {
            this.startWindow = startWindow;
        }

        synchronized boolean admit() {
            if (shut) {
                return false;
            }
            long now = System.nanoTime();
            if (admitsLeft == 0 || now - openUntil > 0) {
                long window;
                try {
                    window = startWindow.getAsLong();
                } catch (RuntimeException e) {
                    failure = e;
                    shut = true;
                    return false;
                }
                // Once short, always short: a clock that went back must not start attempts after skipped ones.
                if (window <= 0) {
                    shut = true;
                    return false;
                }
                openUntil = now + window;
                admitsLeft = parallelism;
            }
            admitsLeft--;
            return true;
        }

        synchronized void rethrowFailure() {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** One attempt's state; its lock orders the lane's result against the run's timeout. */
    private static final class Slot<T> {
        private final CountDownLatch finished;
        private Thread runner;
        private long startedAt;
        private Outcome<T> outcome;

        Slot(CountDownLatch finished) {
            this.finished = finished;
        }

        synchronized void start(Thread thread, long now) {
            runner = thread;
            startedAt = now;
        }

        /** Hands in the outcome; false when the attempt was timed out first. */
        synchronized boolean finish(Outcome<T> value) {
            if (outcome != null) {
                return false;
            }
            outcome = value;
            runner = null;
            finished.countDown();
            return true;
        }

        /** Nanoseconds until a running attempt times out; {@code timeout} for one not running. */
        synchronized long timeLeft(long now, long timeout) {
            return runner == null ? timeout : timeout - (now - startedAt);
        }

        /** Times out the attempt if it is running; true if it was. */
        synchronized boolean timeOut() {
            if (runner == null || outcome != null) {
                return false;
            }
            outcome = new TimedOut<>();
            runner.interrupt();
            runner = null;
            finished.countDown();
            return true;
        }

        synchronized Outcome<T> outcome() {
            return outcome;
        }
    }
}
