package dev.escalation.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyAttributes;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Runs every jqwik property of this module with the seed committed for it in
 * {@code jqwik-seeds.properties}, so that a build fails only when the code changes, never at random;
 * and names the seed of any failure. Registered for all properties through
 * {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}.
 *
 * <p>Exploring is a separate, deliberate act ({@code mvn -B -pl escalation-core test -Pexplore-properties},
 * see the README): {@value #EXPLORE} then leaves the seed to jqwik (a fresh one per property) and
 * multiplies each property's tries by {@value #EXPLORE_FACTOR} (default 10). {@value #SEED} replays one
 * seed, for reproducing an explored failure (with the same profile, so that the tries match). A failure found that way becomes an example test, and its
 * cause gets fixed; the committed seeds are not changed to make a build pass.
 */
public final class CommittedSeeds implements AroundPropertyHook {

    /** System property: {@code true} to explore with fresh seeds and more tries. */
    public static final String EXPLORE = "properties.explore";
    /** System property: the factor by which exploring multiplies each property's tries. */
    public static final String EXPLORE_FACTOR = "properties.explore.factor";
    /** System property: a seed to use for every property run, to reproduce a failure. */
    public static final String SEED = "properties.seed";

    private static final String FILE = "jqwik-seeds.properties";
    private static final Properties COMMITTED = load();

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        String name = context.containerClass().getSimpleName() + "."
                + context.targetMethod().getName();
        PropertyAttributes attributes = context.attributes();
        boolean exploring = Boolean.getBoolean(EXPLORE);
        if (exploring) {
            int factor = Integer.getInteger(EXPLORE_FACTOR, 10);
            attributes.tries().ifPresent(tries -> attributes.setTries(tries * factor));
        }
        String replay = System.getProperty(SEED, "");
        if (!replay.isBlank()) {
            attributes.setSeed(replay.trim());
        } else if (!exploring && attributes.seed().isEmpty()) {
            String seed = COMMITTED.getProperty(name);
            if (seed == null) {
                return property.execute()
                        .mapToFailed(new AssertionError("property " + name + " has no committed seed: add a line '"
                                + name + " = <any long>' to src/test/resources/" + FILE));
            }
            attributes.setSeed(seed.trim());
        }
        PropertyExecutionResult result = property.execute();
        if (result.status() != PropertyExecutionResult.Status.FAILED) {
            return result;
        }
        String seed = result.seed().orElse("?");
        String message = "property " + name + " failed with seed " + seed + " after " + result.countTries()
                + " tries; replay it with " + (exploring ? "-Pexplore-properties " : "") + "-D" + SEED + "=" + seed
                + " -Dtest="
                + context.containerClass().getSimpleName()
                + ", then keep the case as an example test";
        System.err.println(message);
        Throwable cause = result.throwable().orElse(null);
        AssertionError failure = new AssertionError(message + (cause == null ? "" : ": " + cause.getMessage()), cause);
        return result.mapToFailed(failure);
    }

    private static Properties load() {
        Properties seeds = new Properties();
        try (InputStream in = CommittedSeeds.class.getClassLoader().getResourceAsStream(FILE)) {
            if (in != null) {
                seeds.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return seeds;
    }
}
