package io.burrow.mcp.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burrow.mcp.core.RateLimitedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimiter limiter = RateLimiter.perMinute(60, 2, now::get);

    @Test
    void burstThenRefusesUntilRefilled() {
        limiter.tryAcquire("host");
        limiter.tryAcquire("host");
        assertThatThrownBy(() -> limiter.tryAcquire("host"))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.code()).isEqualTo("RATE_LIMITED");
                    assertThat(e.details()).containsEntry("retry_after_seconds", 1L);
                });
        limiter.tryAcquire("other");
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        limiter.tryAcquire("host");
    }

    @Test
    void penaltyBlocksUntilItExpires() {
        limiter.penalize("host", Duration.ofSeconds(30));
        assertThatThrownBy(() -> limiter.tryAcquire("host")).hasMessageContaining("host")
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.details()).containsEntry("retry_after_seconds", 30L));
        now.addAndGet(TimeUnit.SECONDS.toNanos(30));
        limiter.tryAcquire("host");
    }

    @Test
    void acquireWaitsWhenTheDeadlineAllows() {
        RateLimiter real = RateLimiter.perMinute(600, 1, System::nanoTime);
        real.tryAcquire("h");
        long start = System.nanoTime();
        real.acquire("h", Deadline.after(Duration.ofSeconds(2)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        real.penalize("h", Duration.ofSeconds(10));
        assertThatThrownBy(() -> real.acquire("h", Deadline.after(Duration.ofMillis(100))))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void concurrencyLimitRefusesWhenFullAndFreesOnClose() {
        ConcurrencyLimit limit = new ConcurrencyLimit(1);
        ConcurrencyLimit.Permit p = limit.acquire(Deadline.after(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> limit.acquire(Deadline.after(Duration.ofMillis(50))))
                .isInstanceOf(RateLimitedException.class);
        p.close();
        p.close(); // closing twice must not add a slot
        ConcurrencyLimit.Permit q = limit.acquire(Deadline.after(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> limit.acquire(Deadline.after(Duration.ofMillis(50))))
                .isInstanceOf(RateLimitedException.class);
        q.close();
        try (ConcurrencyLimit.Permit unlimited = new ConcurrencyLimit(0).acquire(Deadline.after(Duration.ZERO))) {
            assertThat(unlimited).isNotNull();
        }
    }
}
