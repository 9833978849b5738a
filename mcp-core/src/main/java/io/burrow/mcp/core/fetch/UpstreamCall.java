package io.burrow.mcp.core.fetch;

import io.burrow.mcp.core.BurrowException;
import io.github.resilience4j.core.IntervalFunction;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One fetch as resilience and telemetry see it, from {@link Upstream#open} until its connection closes: the
 * host's circuit breaker (told of the outcome exactly once), the retry policy of the connect loop, and the
 * fetch's outcome for the meters.
 */
final class UpstreamCall {

    final FetchTelemetry telemetry;
    final String host;
    final int port;
    final int retries;
    final IntervalFunction backoff;
    private final long started = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile HostBreakers.Breaker breaker;

    UpstreamCall(FetchTelemetry telemetry, String host, int port, int retries, IntervalFunction backoff) {
        this.telemetry = telemetry;
        this.host = host;
        this.port = port;
        this.retries = retries;
        this.backoff = backoff;
    }

    void breaker(HostBreakers.Breaker b) {
        this.breaker = b;
    }

    /** The fetch failed before it had a connection (policy, breaker, bulkhead, rate limit, connect loop). */
    void failed(RuntimeException e) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        long nanos = System.nanoTime() - started;
        HostBreakers.Breaker b = breaker;
        if (b != null) {
            String code = e instanceof BurrowException be ? be.code() : "";
            if (code.equals("FETCH_ERROR") || code.equals("TIMEOUT")) {
                b.failed(nanos, e); // could not connect, or not within the deadline
            } else {
                b.released(); // refused here (bulkhead, rate limit) or cancelled: nothing learnt about the server
            }
        }
        telemetry.fetched(FetchTelemetry.outcome(e), nanos, 0, 0);
    }

    /**
     * The connection closed.
     *
     * @param timedOut the deadline passed while it was open
     * @param cancelled the request was cancelled
     * @param ioError the exchange failed in a way the protocol named (connection lost mid-answer)
     */
    void closed(boolean timedOut, boolean cancelled, boolean ioError, long in, long out) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        long nanos = System.nanoTime() - started;
        HostBreakers.Breaker b = breaker;
        if (b != null) {
            if (cancelled) {
                b.released();
            } else if (timedOut) {
                b.failed(nanos, new BurrowException(io.burrow.mcp.core.ErrorCodes.TIMEOUT, "timed out"));
            } else {
                b.succeeded(nanos); // the server answered, whatever it said
            }
        }
        telemetry.fetched(cancelled ? "cancelled" : timedOut ? "timeout" : ioError ? "io_error" : "completed", nanos,
                in, out);
    }
}
