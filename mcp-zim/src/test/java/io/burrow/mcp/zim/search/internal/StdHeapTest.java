package io.burrow.mcp.zim.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link StdHeap#nthElement} leaves elements in the order libstdc++'s {@code std::nth_element} leaves them, ties
 * included (recorded by scripts/zim/nth-element-expectations.cpp with the same generator).
 */
final class StdHeapTest {

    private long seed = 7;

    private int next(int bound) {
        seed = seed * 6364136223846793005L + 1442695040888963407L;
        return (int) Long.remainderUnsigned(seed >>> 33, bound);
    }

    @Test
    void nthElementOrdersAsLibstdcxx_tiesIncluded() throws IOException {
        String recorded;
        try (InputStream in = getClass().getResourceAsStream("/search/nth-element-libstdc++.txt")) {
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int cases = 0;
        for (String line : recorded.split("\n")) {
            String[] head = line.substring(0, line.indexOf(':')).split(" ");
            int n = Integer.parseInt(head[0]);
            int distinct = Integer.parseInt(head[1]);
            int nth = Integer.parseInt(head[2]);
            List<int[]> v = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                v.add(new int[] {next(distinct), i});
            }
            StdHeap.nthElement(v, nth, (a, b) -> a[0] > b[0]);
            int[] want = Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split(" "))
                    .mapToInt(Integer::parseInt).toArray();
            assertThat(v.stream().mapToInt(p -> p[1]).toArray()).as("%d elements, %d values", n, distinct)
                    .containsExactly(want);
            cases++;
        }
        assertThat(cases).isEqualTo(27);
    }
}
