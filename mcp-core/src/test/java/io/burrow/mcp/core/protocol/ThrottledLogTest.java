package io.burrow.mcp.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class ThrottledLogTest {

    @Test
    void oneWarningPerInterval_theNextOneCountsThoseLeftOut() {
        AtomicLong now = new AtomicLong(1_000);
        List<String> logged = new ArrayList<>();
        ThrottledLog log = new ThrottledLog((f, a) -> logged.add(f + " " + Arrays.toString(a)), Duration.ofSeconds(10),
                now::get);

        log.warn("closed {}", "a");
        log.warn("closed {}", "b");
        log.warn("closed {}", "c");
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        log.warn("closed {}", "d");
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        log.warn("closed {}", "e");
        log.warn("closed {}", "f");
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        log.warn("closed {}", "g");

        assertThat(logged).containsExactly("closed {} [a]",
                "closed {} ({} more like it not logged since the last one) [e, 3]",
                "closed {} ({} more like it not logged since the last one) [g, 1]");
    }
}
