package io.burrow.mcp.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SideBySideTest {

    @Test
    void median_ofAnOddAndAnEvenCount_leavingTheValuesAlone() {
        double[] odd = {3, 1, 2};
        assertThat(SideBySide.median(odd)).isEqualTo(2);
        assertThat(odd).containsExactly(3, 1, 2);
        assertThat(SideBySide.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThatThrownBy(() -> SideBySide.median(new double[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void measure_warmsUpThenAlternatesTheTwoCalls() {
        List<String> order = new ArrayList<>();
        SideBySide r = SideBySide.measure(3, Duration.ZERO, () -> order.add("a"), () -> order.add("b"));
        assertThat(order).containsExactly("a", "b", "a", "b", "a", "b", // warm-up: min(calls, 1000) of each
                "a", "b", "a", "b", "a", "b");
        assertThat(r.medianMicros()).isNotNegative();
        assertThat(r.baselineMedianMicros()).isNotNegative();
        assertThatThrownBy(() -> SideBySide.measure(0, Duration.ZERO, () -> { }, () -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void measure_seesTheSlowerSide() {
        SideBySide r = SideBySide.measure(20, Duration.ZERO, () -> spin(200_000), () -> { });
        assertThat(r.medianMicros()).isGreaterThan(r.baselineMedianMicros());
    }

    @Test
    void report_saysWhetherTheGoalIsMet() {
        SideBySide r = new SideBySide(110, 100);
        assertThat(r.ratio()).isEqualTo(1.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.report("cached", "no-op", 1.2)).contains("cached", "110.0 µs", "no-op", "100.0 µs", "ratio 1.10",
                "(goal <= 1.20: met)");
        assertThat(r.report("cached", "no-op", 1.05)).endsWith("(goal <= 1.05: MISSED)");
        assertThat(r.report("cached", "no-op", 0)).endsWith("(no goal)");
    }

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }
}
