package dev.escalation.benchmarks.jdbc;

import dev.escalation.benchmarks.Figures;
import dev.escalation.benchmarks.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The table of one durability's JDBC figures, with the targets: the engine's steps per second, its
 * share of the plain-JDBC limit's (issue #19: at least {@value #LIMIT_SHARE_TARGET}), the idle
 * probe, several engines, and how much slower the naive job is.
 */
final class JdbcReport {

    static final double STEPS_PER_SECOND_TARGET = 5000;
    static final double IDLE_TARGET_MILLIS = 20;
    static final double LIMIT_SHARE_TARGET = 0.8;

    /**
     * What one durability's scenarios measured, in milliseconds; {@code engineMillis} and
     * {@code limitMillis} in the order of their interleaved rounds.
     */
    record Measured(
            double coldMillis,
            List<Double> engineMillis,
            Map<String, Double> breakdown,
            List<Double> limitMillis,
            List<Double> twoEngines,
            List<Double> fourEngines,
            double naiveMillis,
            NaiveBaseline.Timing naive,
            IdleProbe.Result idle) {}

    private JdbcReport() {}

    /**
     * The engine's steps per second as a share of the limit's, round by round: each round's engine
     * run against the limit's run right after it.
     */
    static List<Double> limitShares(List<Double> engineMillis, List<Double> limitMillis) {
        List<Double> shares = new ArrayList<>(engineMillis.size());
        for (int round = 0; round < engineMillis.size(); round++) {
            shares.add(limitMillis.get(round) / engineMillis.get(round));
        }
        return shares;
    }

    static Table table(Durability durability, JdbcBenchmarks.Sizes sizes, Measured m) {
        int due = sizes.dueSteps();
        String open = Figures.count(sizes.openTasks());
        double engine = Figures.median(m.engineMillis());
        double limit = Figures.median(m.limitMillis());
        List<Double> shares = limitShares(m.engineMillis(), m.limitMillis());
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
                "-",
                "&ge; 5,000 steps/s (10,000 in < 2 s): "
                        + Figures.verdict(due * 1000 / engine >= STEPS_PER_SECOND_TARGET));
        t.row(
                "&nbsp;&nbsp;where that run's time goes (the median run)",
                breakdown(m.breakdown(), Figures.lowerMedian(m.engineMillis())),
                "",
                "",
                "");
        t.row(
                "&nbsp;&nbsp;first run of the JVM (cold: JIT, statement preparation)",
                Figures.millis(m.coldMillis()),
                Figures.rate(due * 1000 / m.coldMillis()),
                "-",
                "-");
        t.row(
                "2. idle probe: nothing due among " + open
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
        concurrent(t, "3. the same steps over 2 engines at once", m.twoEngines(), engine, due);
        concurrent(t, "&nbsp;&nbsp;over 4 engines at once", m.fourEngines(), engine, due);
        t.row(
                "4. plain-JDBC limit: per batch of " + JdbcWorkload.BATCH_SIZE
                        + ", a skip-locked select, a batch update, two batch inserts, one commit",
                Figures.medianAndRange(m.limitMillis()),
                Figures.rate(due * 1000 / limit),
                "engine / limit = " + Figures.shareAndRange(shares),
                "&ge; " + LIMIT_SHARE_TARGET + " (#19): "
                        + Figures.verdict(Figures.median(shares) >= LIMIT_SHARE_TARGET));
        double naiveTarget = durability == Durability.DURABLE ? 20 : 5;
        NaiveBaseline.Timing naive = m.naive();
        double naiveMillis = m.naiveMillis();
        t.row(
                "5. naive baseline: load all " + Figures.count(naive.tasksLoaded())
                        + " open tasks, evaluate all, write each step on its own",
                Figures.millis(naiveMillis) + " (load + evaluate " + Figures.millis(naive.loadAndEvaluateMillis())
                        + ", writes " + Figures.millis(naive.writeMillis()) + ")",
                Figures.rate(due * 1000 / naiveMillis),
                "naive / engine = " + Figures.ratio(naiveMillis / engine),
                "&ge; " + Figures.ratio(naiveTarget) + ": " + Figures.verdict(naiveMillis / engine >= naiveTarget));
        t.note("Times are medians of " + sizes.rounds() + " runs (range in brackets), each on its own "
                + Figures.count(due)
                + " due tasks. The engine and the plain-JDBC limit ran in turns, as did 2 and 4 engines, so that a change in"
                + " the machine's load hits both alike; engine / limit is the engine's steps/s over the limit's, the median"
                + " of the rounds' ratios with their range. Every run was checked: each task warned once, one audit row and"
                + " one delivered notification per task, each notification handed to the notifier once.");
        return t;
    }

    /** The row of several engines sharing {@code due} steps: their times, rate and speed-up over one engine's median. */
    private static void concurrent(Table t, String label, List<Double> millis, double oneEngineMillis, int due) {
        double median = Figures.median(millis);
        t.row(
                label,
                Figures.medianAndRange(millis),
                Figures.rate(due * 1000 / median),
                Figures.ratio(oneEngineMillis / median) + " speed-up",
                "-");
    }

    /** A run's time by repository call, and what is left: the engine's own work (planning, building transitions, delivering). */
    private static String breakdown(Map<String, Double> millis, double runMillis) {
        double claims = millis.getOrDefault("claimDue", 0.0);
        double record = millis.getOrDefault("record", 0.0);
        double deliveries = millis.getOrDefault("recordDeliveries", 0.0);
        double repository =
                millis.values().stream().mapToDouble(Double::doubleValue).sum();
        return "claims " + Figures.millis(claims) + ", record " + Figures.millis(record) + ", delivery outcomes "
                + Figures.millis(deliveries)
                + ", other repository calls " + Figures.millis(repository - claims - record - deliveries)
                + ", the engine itself "
                + Figures.millis(runMillis - repository);
    }
}
