package io.burrow.mcp.core.fetch;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.net.ConcurrencyLimit;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a backend's fetches tell the server's telemetry: child spans of the request's span for name
 * resolution, connect, TLS and read ({@code gopher resolve}, {@code gemini tls}, …), and the meters
 * {@code burrow.upstream.*} by protocol and outcome, never by host (cardinality). Costs nothing but a few
 * null checks when the server has no telemetry.
 */
final class FetchTelemetry {

    static final String DURATION = "burrow.upstream.fetch.duration";
    static final String BYTES = "burrow.upstream.bytes";
    static final String RETRIES = "burrow.upstream.connect.retries";
    static final String BREAKERS = "burrow.upstream.breakers";
    static final String TRANSITIONS = "burrow.upstream.breaker.transitions";
    static final String IN_FLIGHT = "burrow.upstream.requests.active";
    static final String QUEUED = "burrow.upstream.requests.queued";

    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("network.protocol.name");
    static final AttributeKey<String> PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
    static final AttributeKey<Long> ATTEMPTS = AttributeKey.longKey("burrow.connect.attempts");
    static final AttributeKey<Long> RECEIVED = AttributeKey.longKey("burrow.bytes.received");
    static final AttributeKey<Long> SENT = AttributeKey.longKey("burrow.bytes.sent");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final FetchTelemetry NONE = new FetchTelemetry("none", Telemetry.NONE);

    private final String protocol;
    private final Tracer tracer;
    private final MeterRegistry registry;
    private final Map<String, Timer> durations = new ConcurrentHashMap<>();
    private final Counter received;
    private final Counter sent;
    private final Counter retries;

    FetchTelemetry(String protocol, Telemetry telemetry) {
        this.protocol = protocol;
        this.tracer = telemetry.tracing() ? telemetry.openTelemetry().getTracer("io.burrow.mcp.fetch") : null;
        this.registry = telemetry.meterRegistry().orElse(null);
        if (registry != null) {
            received = Counter.builder(BYTES).description("Bytes exchanged with upstream servers").baseUnit("bytes")
                    .tags("protocol", protocol, "direction", "received").register(registry);
            sent = Counter.builder(BYTES).description("Bytes exchanged with upstream servers").baseUnit("bytes")
                    .tags("protocol", protocol, "direction", "sent").register(registry);
            retries = Counter.builder(RETRIES).description("Connection attempts repeated after a refused, reset or "
                    + "unreachable connection").tags("protocol", protocol).register(registry);
        } else {
            received = null;
            sent = null;
            retries = null;
        }
    }

    /** Publishes the bulkhead's and the breakers' state (gauges read on scrape). */
    void publish(ConcurrencyLimit bulkhead, HostBreakers breakers) {
        if (registry == null) {
            return;
        }
        Gauge.builder(IN_FLIGHT, bulkhead, ConcurrencyLimit::inFlight).description("Upstream fetches holding a slot "
                + "of the backend's bulkhead").tags("protocol", protocol).register(registry);
        Gauge.builder(QUEUED, bulkhead, ConcurrencyLimit::waiting).description("Upstream fetches waiting for a slot "
                + "of the backend's bulkhead").tags("protocol", protocol).register(registry);
        if (breakers != null) {
            for (CircuitBreaker.State s : new CircuitBreaker.State[] {CircuitBreaker.State.CLOSED,
                    CircuitBreaker.State.OPEN, CircuitBreaker.State.HALF_OPEN}) {
                Gauge.builder(BREAKERS, breakers, b -> b.count(s)).description("Upstream hosts whose circuit "
                        + "breaker is in the state").tags("protocol", protocol, "state", stateName(s)).register(registry);
            }
        }
    }

    /** A breaker changed state. */
    void transition(String protocol, CircuitBreaker.State to) {
        if (registry != null) {
            Counter.builder(TRANSITIONS).description("Circuit breaker transitions, by the state entered")
                    .tags("protocol", protocol, "state", stateName(to)).register(registry).increment();
        }
    }

    static String stateName(CircuitBreaker.State s) {
        return s.name().toLowerCase(Locale.ROOT);
    }

    void retried() {
        if (retries != null) {
            retries.increment();
        }
    }

    /** A span {@code <protocol> <phase>} under the current one, or {@code null} without tracing. */
    Span start(String phase, String host, int port) {
        if (tracer == null) {
            return null;
        }
        return tracer.spanBuilder(protocol + " " + phase)
                .setSpanKind("resolve".equals(phase) ? SpanKind.INTERNAL : SpanKind.CLIENT)
                .setAttribute(PROTOCOL, protocol).setAttribute(SERVER_ADDRESS, host).setAttribute(SERVER_PORT, port)
                .startSpan();
    }

    /** Ends {@code span} (if any), failed with {@code error} (if any). */
    static void end(Span span, Throwable error) {
        if (span == null) {
            return;
        }
        if (error != null) {
            span.setAttribute(ERROR_TYPE, errorType(error));
            span.setStatus(StatusCode.ERROR, error instanceof BurrowException b ? b.code() : error.getClass().getName());
        }
        span.end();
    }

    private static String errorType(Throwable e) {
        return e instanceof BurrowException b ? b.code() : e.getClass().getName();
    }

    /** One fetch ended with {@code outcome} after {@code nanos}, having moved the bytes given. */
    void fetched(String outcome, long nanos, long in, long out) {
        if (registry == null) {
            return;
        }
        durations.computeIfAbsent(outcome, o -> Timer.builder(DURATION)
                .description("Upstream fetches from asking for a connection until it closed, by outcome")
                .tags("protocol", protocol, "outcome", o)
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        if (in > 0) {
            received.increment(in);
        }
        if (out > 0) {
            sent.increment(out);
        }
    }

    /** The outcome a failure before or while connecting stands for (a bounded set: metric attribute). */
    static String outcome(Throwable e) {
        if (!(e instanceof BurrowException b)) {
            return "error";
        }
        return switch (b.code()) {
            case "TIMEOUT" -> "timeout";
            case "CANCELLED" -> "cancelled";
            case "FETCH_ERROR" -> "connect_error";
            case "UPSTREAM_UNAVAILABLE" -> "breaker_open";
            case "OVERLOADED" -> "overloaded";
            case "RATE_LIMITED" -> "rate_limited";
            case "BLOCKED" -> "blocked";
            default -> "error";
        };
    }
}
