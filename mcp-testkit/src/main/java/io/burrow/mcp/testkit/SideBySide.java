package io.burrow.mcp.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Two calls timed side by side, the way Burrow's benchmarks compare a path with its baseline (a cached tool call
 * with a no-op tool, a protocol client with a plain socket): both are warmed up first, so that the JIT has compiled
 * both paths, then single calls of each alternate, so that both see the same machine, and the median of each is
 * kept, so that outliers (a collection, a busy neighbour) do not move the result. For benchmarks that print a
 * ratio, not for tests: a test asserts behaviour, never a duration.
 *
 * <pre>{@code
 * SideBySide r = SideBySide.measure(5000, Duration.ofSeconds(3),
 *         () -> client.requestLine("tools/call", cachedCall),
 *         () -> client.requestLine("tools/call", noopCall));
 * System.out.println(r.report("cached my_tool", "no-op tool", 1.2)); // … ratio 1.07 (goal <= 1.2: met)
 * }</pre>
 *
 * @param medianMicros the median duration of one measured call, in µs
 * @param baselineMedianMicros the median duration of one baseline call, in µs
 */
public record SideBySide(double medianMicros, double baselineMedianMicros) {

    /** Warm-up calls of each side at the least (or {@code calls}, if fewer), however short the warm-up time. */
    private static final int MIN_WARM_UP_CALLS = 1000;

    /**
     * Warms both sides up for at least {@code warmUp} (and {@code min(calls, 1000)} calls of each), then times
     * {@code calls} single calls of each, alternated.
     *
     * @param calls timed calls of each side, at least 1
     * @param warmUp the shortest warm-up
     * @param measured the call measured
     * @param baseline the call it is compared with
     * @throws IllegalArgumentException if {@code calls} is below 1
     */
    public static SideBySide measure(int calls, Duration warmUp, Runnable measured, Runnable baseline) {
        if (calls < 1) {
            throw new IllegalArgumentException("calls must be at least 1, was " + calls);
        }
        long warmUntil = System.nanoTime() + warmUp.toNanos();
        for (int i = 0; i < Math.min(calls, MIN_WARM_UP_CALLS) || System.nanoTime() - warmUntil < 0; i++) {
            measured.run();
            baseline.run();
        }
        double[] a = new double[calls];
        double[] b = new double[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            measured.run();
            long t1 = System.nanoTime();
            baseline.run();
            long t2 = System.nanoTime();
            a[i] = (t1 - t0) / 1000.0;
            b[i] = (t2 - t1) / 1000.0;
        }
        return new SideBySide(median(a), median(b));
    }

    /** The measured median over the baseline median. */
    public double ratio() {
        return medianMicros / baselineMedianMicros;
    }

    /**
     * One line: both medians, the ratio and, for a {@code goal} above 0, whether the ratio is at most the goal
     * ({@code met} or {@code MISSED}); a goal of 0 marks the line as information.
     */
    public String report(String what, String baselineName, double goal) {
        String verdict = goal <= 0 ? "(no goal)"
                : String.format(Locale.ROOT, "(goal <= %.2f: %s)", goal, ratio() <= goal ? "met" : "MISSED");
        return String.format(Locale.ROOT, "%-60s %9.1f µs | %-28s %9.1f µs | ratio %.2f %s", what, medianMicros,
                baselineName, baselineMedianMicros, ratio(), verdict);
    }

    /**
     * The median of {@code values} (the mean of the middle two for an even count); {@code values} is not changed.
     *
     * @throws IllegalArgumentException if {@code values} is empty
     */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] c = values.clone();
        Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : (c[m - 1] + c[m]) / 2;
    }
}
