package dev.escalation.core.preview;

import dev.escalation.core.EscalationEngine;
import dev.escalation.core.Require;
import dev.escalation.core.RunReport;
import dev.escalation.core.audit.AuditEntry;
import dev.escalation.core.memory.InMemoryWorkflowRepository;
import dev.escalation.core.policy.PolicyResolver;
import dev.escalation.core.spi.TargetResolver;
import dev.escalation.core.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Replays recorded history under candidate policies and sets the outcome beside what happened.
 * The host's changes in the trail (tasks opened, completed, cancelled, reassigned, moved to another
 * stage, reprioritised, held, resumed) are applied again at their instants to a fresh
 * {@link InMemoryWorkflowRepository} on a {@link ManualClock}, and an engine governed by the
 * candidates runs between them; then {@link TrailFigures} of the recorded trail and of the replayed
 * one are compared.
 *
 * <pre>{@code
 * ReplayComparison comparison = WhatIfReplay.of(store.auditTrail().entries())
 *         .runEvery(Instant.parse("2026-03-02T08:00:00Z"), Duration.ofMinutes(15))
 *         .replay(stricterPolicies);
 * System.out.println(comparison.table());
 * }</pre>
 *
 * <p>When the engine runs: by default at every instant work falls due (an ideal scheduler), or
 * every {@code period} from an origin, as the host's scheduler does ({@link #runEvery}); a replay
 * of the policies in force under the host's schedule reproduces the recorded figures. A scheduler
 * outage is not in the trail and is not replayed. At one instant the host's changes come first,
 * then the run. Limits: the trail holds no task attributes, so policies chosen by attribute and
 * targets resolved from attributes cannot be replayed as such; the default target resolver resolves
 * every target to its own name, which changes no count. Opening entries written before issue #16
 * lack workflow type, priority and SLA start (see the replay's fallbacks in docs/policy-preview.md).
 */
public final class WhatIfReplay {

    private final List<AuditEntry> history;
    private TargetResolver targets = (target, task, level) -> Optional.of(target.toString());
    private Optional<Instant> origin = Optional.empty();
    private Duration period = Duration.ZERO;
    private Optional<Instant> until = Optional.empty();

    private WhatIfReplay(List<AuditEntry> history) {
        this.history = List.copyOf(history);
    }

    /**
     * A replay of {@code history}: a recorded audit trail in the order it was stored.
     *
     * @param history the recorded trail
     * @return the replay, to configure and run
     * @throws IllegalArgumentException when the history is missing or empty
     */
    public static WhatIfReplay of(List<AuditEntry> history) {
        if (Require.present("history", history).isEmpty()) {
            throw new IllegalArgumentException("history must hold at least one entry, but was empty");
        }
        return new WhatIfReplay(history);
    }

    /**
     * Resolves escalation targets during the replay. Default: every target to its own name.
     *
     * @param value the target resolver
     * @return this replay
     * @throws IllegalArgumentException when the value is missing
     */
    public WhatIfReplay targets(TargetResolver value) {
        this.targets = Require.present("targets", value);
        return this;
    }

    /**
     * Runs the engine every {@code every} from {@code from}, as the host's scheduler did, instead of
     * at every instant work falls due.
     *
     * @param from the first run
     * @param every the time between runs, positive
     * @return this replay
     * @throws IllegalArgumentException when a value is missing or {@code every} is not positive
     */
    public WhatIfReplay runEvery(Instant from, Duration every) {
        this.origin = Optional.of(Require.present("from", from));
        this.period = Require.positive("every", every);
        return this;
    }

    /**
     * Replays up to {@code value}. Default: the instant of the last entry of the history.
     *
     * @param value the end of the replay
     * @return this replay
     * @throws IllegalArgumentException when the value is missing
     */
    public WhatIfReplay until(Instant value) {
        this.until = Optional.of(Require.present("until", value));
        return this;
    }

    /**
     * Replays the history under {@code candidates} and compares.
     *
     * @param candidates the policies to replay under
     * @return what was recorded beside what the replay recorded
     * @throws IllegalArgumentException when {@code candidates} is missing, or a host change in the
     *     history lacks what replaying it needs (the message names the entry)
     */
    public ReplayComparison replay(PolicyResolver candidates) {
        Require.present("candidates", candidates);
        List<AuditEntry> changes = new ArrayList<>();
        for (AuditEntry e : history) {
            if (HistoryEvents.HOST_CHANGES.contains(e.type())) {
                changes.add(e);
            }
        }
        // A stable sort: entries of one instant keep the order they were stored in.
        changes.sort(Comparator.comparing(AuditEntry::occurredAt));
        Instant first =
                changes.isEmpty() ? history.get(0).occurredAt() : changes.get(0).occurredAt();
        Instant end = until.orElseGet(() -> history.stream()
                .map(AuditEntry::occurredAt)
                .max(Comparator.naturalOrder())
                .orElseThrow());
        ManualClock clock = ManualClock.at(origin.filter(o -> o.isBefore(first)).orElse(first));
        InMemoryWorkflowRepository repository = new InMemoryWorkflowRepository(clock);
        try (EscalationEngine engine = EscalationEngine.builder()
                .repository(repository)
                .policies(candidates)
                .targets(targets)
                .notifier(notification -> {})
                .countSla(false)
                .build()) {
            Schedule schedule = new Schedule(engine, clock);
            int i = 0;
            while (i < changes.size() && !changes.get(i).occurredAt().isAfter(end)) {
                Instant at = changes.get(i).occurredAt();
                schedule.runBefore(at);
                clock.set(at);
                // Every change of one instant before that instant's run, as a host makes them between runs.
                for (; i < changes.size() && changes.get(i).occurredAt().equals(at); i++) {
                    HistoryEvents.apply(repository, changes.get(i));
                }
                schedule.changed(at);
            }
            schedule.runBefore(end);
            schedule.runAt(end);
        }
        List<AuditEntry> replayed = repository.auditTrail().entries();
        return new ReplayComparison(TrailFigures.of(history), TrailFigures.of(replayed), replayed);
    }

    /** When the replay's engine runs: at due instants, or on the host's fixed schedule. */
    private final class Schedule {
        private final EscalationEngine engine;
        private final ManualClock clock;
        private Optional<Instant> next;

        Schedule(EscalationEngine engine, ManualClock clock) {
            this.engine = engine;
            this.clock = clock;
            this.next = origin;
        }

        /** Runs every run that falls due strictly before {@code at}. */
        void runBefore(Instant at) {
            while (next.isPresent() && next.get().isBefore(at)) {
                run(next.get());
            }
        }

        /** Runs the run due at {@code at}, if any. */
        void runAt(Instant at) {
            if (next.isPresent() && !next.get().isAfter(at)) {
                run(next.get());
            }
        }

        /** After a host change at {@code at}: an ideal scheduler runs at once, a fixed one only on its tick. */
        void changed(Instant at) {
            if (origin.isEmpty()) {
                next = Optional.of(at);
            }
            runAt(at);
        }

        private void run(Instant at) {
            if (at.isAfter(clock.now())) {
                clock.set(at);
            }
            RunReport report = engine.runOnce();
            if (origin.isPresent()) {
                next = Optional.of(at.plus(period));
            } else {
                // Work the run left due (its task cap) is taken up at the next millisecond.
                next = report.nextDueAt().map(due -> due.isAfter(at) ? due : at.plusMillis(1));
            }
        }
    }
}
