package io.burrow.mcp.core.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCodes;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breakers of one backend, one per upstream host and port (Resilience4j, count-based): a breaker
 * opens after {@code threshold} consecutive failed fetches (connections refused, reset or unreachable after the
 * retries, timeouts), fails fetches fast while open, lets one probe through after the open duration, and closes
 * when the probe succeeds. At most {@link #MAX_HOSTS} hosts are tracked (the least recently used are forgotten,
 * closed). Thread-safe.
 */
final class HostBreakers {

    static final int MAX_HOSTS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(HostBreakers.class);

    /** One host's breaker and when it last opened. */
    static final class Breaker {
        private final CircuitBreaker breaker;
        private volatile long openedAtMillis;

        private Breaker(CircuitBreaker breaker) {
            this.breaker = breaker;
        }

        CircuitBreaker.State state() {
            return breaker.getState();
        }

        /** A fetch reached the server (or failed for a reason that is not the server's). */
        void succeeded(long nanos) {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }

        /** A fetch could not connect or timed out. */
        void failed(long nanos, Throwable cause) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
        }

        /** A fetch ended without saying anything about the server (cancelled, refused before connecting). */
        void released() {
            breaker.releasePermission();
        }
    }

    private final int threshold;
    /** Built with the first breaker: a server that never fetches need not load Resilience4j's configuration. */
    private volatile CircuitBreakerConfig config;
    private final Duration open;
    private final Clock clock;
    private final String protocol;
    private final BiConsumer<String, CircuitBreaker.State> transitions;
    private final Cache<String, Breaker> breakers = Caffeine.newBuilder().maximumSize(MAX_HOSTS)
            .expireAfterAccess(Duration.ofHours(1)).build();

    /**
     * @param transitions told the protocol and the state entered on every transition (metrics)
     */
    HostBreakers(int threshold, Duration open, Clock clock, String protocol,
            BiConsumer<String, CircuitBreaker.State> transitions) {
        this.open = open;
        this.clock = clock;
        this.protocol = protocol;
        this.transitions = transitions;
        this.threshold = threshold;
    }

    private CircuitBreakerConfig config() {
        CircuitBreakerConfig c = config;
        if (c == null) { // a race builds two equal configurations; either will do
            c = CircuitBreakerConfig.custom()
                    .slidingWindow(threshold, threshold, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    .failureRateThreshold(100) // every one of the last `threshold` fetches failed: consecutive failures
                    .waitDurationInOpenState(open)
                    .permittedNumberOfCallsInHalfOpenState(1) // one probe
                    .automaticTransitionFromOpenToHalfOpenEnabled(false) // no timer thread: the next fetch probes
                    .recordException(e -> true)
                    .clock(clock)
                    .build();
            config = c;
        }
        return c;
    }

    /**
     * The breaker of {@code key} ({@code host:port}) with a permission to fetch.
     *
     * @throws BurrowException {@code UPSTREAM_UNAVAILABLE} with {@code retry_after_seconds} while it is open
     *     (or half-open with its probe under way)
     */
    Breaker acquire(String key) {
        Breaker b = breakers.get(key, this::create);
        if (!b.breaker.tryAcquirePermission()) {
            long retryAfter = retryAfterSeconds(b);
            throw new BurrowException(ErrorCodes.UPSTREAM_UNAVAILABLE, "The " + protocol + " server " + key
                    + " failed repeatedly; requests to it are paused", "Retry in " + retryAfter + " seconds.")
                    .withDetail("retry_after_seconds", retryAfter);
        }
        return b;
    }

    private long retryAfterSeconds(Breaker b) {
        if (b.state() != CircuitBreaker.State.OPEN) {
            return 1; // a probe is under way
        }
        long left = b.openedAtMillis + open.toMillis() - clock.millis();
        return Math.max(1, (left + 999) / 1000);
    }

    private Breaker create(String key) {
        CircuitBreaker cb = CircuitBreaker.of(protocol + ":" + key, config());
        Breaker b = new Breaker(cb);
        cb.getEventPublisher().onStateTransition(e -> {
            CircuitBreaker.State to = e.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN) {
                b.openedAtMillis = clock.millis();
                if (e.getStateTransition().getFromState() == CircuitBreaker.State.CLOSED) {
                    LOG.warn("{} circuit breaker for {} opened: {} consecutive failed fetches; paused for {} s",
                            protocol, key, threshold, open.toSeconds());
                }
            } else if (to == CircuitBreaker.State.CLOSED) {
                LOG.info("{} circuit breaker for {} closed: the probe succeeded", protocol, key);
            }
            transitions.accept(protocol, to);
        });
        return b;
    }

    /** How many tracked hosts have their breaker in {@code state}. */
    long count(CircuitBreaker.State state) {
        return breakers.asMap().values().stream().filter(b -> b.state() == state).count();
    }

    /** The state of {@code key}'s breaker, {@code closed} if it is not tracked (for tests and health). */
    String state(String key) {
        Breaker b = breakers.getIfPresent(key);
        return b == null ? "closed" : b.state().name().toLowerCase(Locale.ROOT);
    }
}
