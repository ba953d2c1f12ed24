package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.Figures;
import dev.escalation.benchmarks.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The table of one durability's JDBC figures, with the targets: the engine's steps per second, its
 * share of the plain-JDBC limit's (issue #19: at least {@value #LIMIT_SHARE_TARGET}), 2 engines
 * against one, the engine against db-scheduler (at least 3 times as fast), the idle probe, and how
 * much slower the naive job is.
 */
final class JdbcReport {

    static final double STEPS_PER_SECOND_TARGET = 5000;
    static final double IDLE_TARGET_MILLIS = 20;
    static final double LIMIT_SHARE_TARGET = 0.8;

    /**
     * What one durability's scenarios measured, in milliseconds; {@code engineMillis}, {@code limitMillis},
     * {@code twoEngines} and {@code dbScheduler} in the order of their interleaved rounds.
     */
    record Measured(
            double coldMillis,
            List<Double> engineMillis,
            Map<String, Double> breakdown,
            HeapUse heap,
            List<Double> limitMillis,
            List<Double> twoEngines,
            List<Double> dbScheduler,
            Optional<Naive> naive,
            IdleProbe.Result idle) {}

    /** The naive baseline's one run. */
    record Naive(double millis, NaiveBaseline.Timing timing) {}

    private JdbcReport() {}

    /**
     * The engine's steps per second as a share of the limit's, round by round: each round's engine
     * run against the same round's limit run.
     */
    static List<Double> limitShares(List<Double> engineMillis, List<Double> limitMillis) {
        return perRound(limitMillis, engineMillis);
    }

    /** Round by round, {@code numerator}'s time over {@code denominator}'s: how many times faster the latter was. */
    static List<Double> perRound(List<Double> numerator, List<Double> denominator) {
        List<Double> ratios = new ArrayList<>(numerator.size());
        for (int round = 0; round < numerator.size(); round++) {
            ratios.add(numerator.get(round) / denominator.get(round));
        }
        return ratios;
    }

    static Table table(Durability durability, JdbcBenchmarks.Sizes sizes, Measured m) {
        int due = sizes.dueSteps();
        String open = Figures.count(sizes.openTasks());
        double engine = Figures.median(m.engineMillis());
        double limit = Figures.median(m.limitMillis());
        List<Double> shares = limitShares(m.engineMillis(), m.limitMillis());
        List<Double> overScheduler = perRound(m.dbScheduler(), m.engineMillis());
        List<Double> speedUps = perRound(m.engineMillis(), m.twoEngines());
        IdleProbe.Result idle = m.idle();
        Table t = new Table(
                "JDBC on embedded PostgreSQL, " + durability.label() + " (" + durability.settings() + ")",
                "scenario",
                "time",
                "steps/s",
                "ratio",
                "target");
        t.row(
                "1. one engine: " + Figures.count(due) + " due steps among " + open
                        + " open tasks (state + audit + outbox + delivery)",
                Figures.medianAndRange(m.engineMillis()),
                Figures.rate(due * 1000 / engine),
                "engine / limit = " + Figures.shareAndRange(shares),
                "&ge; " + LIMIT_SHARE_TARGET + " (#19): "
                        + Figures.verdict(Figures.median(shares) >= LIMIT_SHARE_TARGET));
        t.row(
                "&nbsp;&nbsp;where that run's time goes (the median run)",
                breakdown(m.breakdown(), Figures.lowerMedian(m.engineMillis())),
                "",
                "",
                "");
        t.row("&nbsp;&nbsp;heap of that run", m.heap().figure(due), "", "", "");
        t.row(
                "&nbsp;&nbsp;first run of the JVM (cold: JIT, statement preparation)",
                Figures.millis(m.coldMillis()),
                Figures.rate(due * 1000 / m.coldMillis()),
                "-",
                "-");
        t.row(
                "2. plain-JDBC limit: per batch of " + JdbcWorkload.BATCH_SIZE
                        + ", a skip-locked select, a batch update, two batch inserts, one commit",
                Figures.medianAndRange(m.limitMillis()),
                Figures.rate(due * 1000 / limit),
                "-",
                "-");
        double twoEngines = Figures.median(m.twoEngines());
        t.row(
                "3. the same steps over 2 engines at once",
                Figures.medianAndRange(m.twoEngines()),
                Figures.rate(due * 1000 / twoEngines),
                "2 engines / 1 = " + Figures.shareAndRange(speedUps),
                "&gt; 1: " + Figures.verdict(Figures.median(speedUps) > 1));
        double scheduler = Figures.median(m.dbScheduler());
        t.row(
                "4. db-scheduler " + DbSchedulerBaseline.VERSION + ": one execution per due task doing the same rows ("
                        + DbSchedulerBaseline.THREADS + " threads, lock-and-fetch)",
                Figures.medianAndRange(m.dbScheduler()),
                Figures.rate(due * 1000 / scheduler),
                "engine / db-scheduler = " + Figures.shareAndRange(overScheduler),
                "&ge; 3 (#19): " + Figures.verdict(Figures.median(overScheduler) >= 3));
        t.row(
                "5. idle probe: nothing due among " + open
                        + " open tasks, the defaults (SLA counts at most 1 min old), a run every 10 s",
                IdleProbe.figure(idle.countsCached()),
                "-",
                "-",
                "< 20 ms: " + Figures.verdict(Figures.median(idle.countsCached()) < IDLE_TARGET_MILLIS));
        t.row(
                "&nbsp;&nbsp;idle, SLA counts off (`countSla(false)`)",
                IdleProbe.figure(idle.countsOff()),
                "-",
                "-",
                "-");
        t.row(
                "&nbsp;&nbsp;idle, SLA counts on every run (`slaCountsMaxAge(Duration.ZERO)`)",
                IdleProbe.figure(idle.countsEveryRun()),
                "-",
                "-",
                "-");
        m.naive().ifPresent(n -> {
            double naiveTarget = durability == Durability.DURABLE ? 20 : 5;
            NaiveBaseline.Timing naive = n.timing();
            t.row(
                    "6. naive baseline: load all " + Figures.count(naive.tasksLoaded())
                            + " open tasks, evaluate all, write each step on its own",
                    Figures.millis(n.millis()) + " (load + evaluate " + Figures.millis(naive.loadAndEvaluateMillis())
                            + ", writes " + Figures.millis(naive.writeMillis()) + ")",
                    Figures.rate(due * 1000 / n.millis()),
                    "naive / engine = " + Figures.ratio(n.millis() / engine),
                    "&ge; " + Figures.ratio(naiveTarget) + ": " + Figures.verdict(n.millis() / engine >= naiveTarget));
        });
        t.note("Times are medians of " + sizes.rounds() + " runs (range in brackets), each on its own "
                + Figures.count(due)
                + " due tasks. The limit, one engine, 2 engines and db-scheduler ran in turns, round by round, so that a"
                + " change in the machine's load hits all alike; each ratio is the median of the rounds' ratios (each"
                + " round's runs against each other) with their range. Every run was checked: each task warned once, one"
                + " audit row and one delivered notification per task, each notification handed to the notifier once."
                + (m.naive().isEmpty()
                        ? " The naive baseline did not run: no slice of due tasks was left for it."
                        : ""));
        return t;
    }

    /**
     * A run's time by repository call, and what is left: the engine's own work (planning, building transitions,
     * delivering). The planner runs inside {@code claimAndRecord}; its time counts as the engine's.
     */
    private static String breakdown(Map<String, Double> millis, double runMillis) {
        double plan = millis.getOrDefault("plan", 0.0);
        double claimAndRecord = millis.getOrDefault("claimAndRecord", 0.0)
                - plan
                + millis.getOrDefault("claimDue", 0.0)
                + millis.getOrDefault("record", 0.0);
        double deliveries = millis.getOrDefault("recordDeliveries", 0.0);
        double repository =
                millis.values().stream().mapToDouble(Double::doubleValue).sum() - 2 * plan;
        return "claim + record " + Figures.millis(claimAndRecord) + ", delivery outcomes " + Figures.millis(deliveries)
                + ", other repository calls " + Figures.millis(repository - claimAndRecord - deliveries)
                + ", the engine itself " + Figures.millis(runMillis - repository);
    }
}
