package io.burrow.mcp.core;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link BurrowServer} reports about its work, and where: metrics to a Micrometer
 * {@link MeterRegistry}, traces through an {@link OpenTelemetry} instance, request context in the SLF4J
 * MDC. The server only records; the application chooses the registry (Prometheus, OTLP, …) and the
 * SDK and its exporters, as the launchers do from {@code BURROW_METRICS_*} and {@code OTEL_*}.
 * {@link #NONE}, the default, records nothing and costs nothing.
 *
 * <pre>{@code
 * Telemetry telemetry = Telemetry.builder().meterRegistry(prometheus).openTelemetry(sdk).build();
 * BurrowServer server = BurrowServer.builder().discoverModules().telemetry(telemetry).build();
 * }</pre>
 *
 * <p>Every request becomes one {@code mcp.server.operation.duration} measurement and, when tracing,
 * one {@code SERVER} span named {@code {mcp.method.name} {target}} whose parent comes from
 * {@code params._meta.traceparent} (both protocol generations); docs/operations.md lists every metric,
 * span and attribute. Immutable and thread-safe.
 */
public final class Telemetry {

    /** Records nothing. */
    public static final Telemetry NONE = builder().build();

    private final MeterRegistry meterRegistry;
    private final OpenTelemetry openTelemetry;
    private final boolean resourceUris;
    private final boolean logContext;

    private Telemetry(Builder b) {
        this.meterRegistry = b.meterRegistry;
        this.openTelemetry = b.openTelemetry;
        this.resourceUris = b.resourceUris;
        this.logContext = b.logContext;
    }

    /** Starts a builder recording nothing. */
    public static Builder builder() {
        return new Builder();
    }

    /** Where metrics go, if anywhere. */
    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /** Where spans go ({@link OpenTelemetry#noop()} when not tracing); also the propagators of {@code _meta}. */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    /** Whether spans are recorded. */
    public boolean tracing() {
        return openTelemetry.getTracerProvider() != TracerProvider.noop();
    }

    /**
     * Whether {@code mcp.resource.uri} is an attribute of the duration metric (opt-in: every URI read
     * becomes a time series of its own). Spans always carry it.
     */
    public boolean resourceUrisOnMetrics() {
        return resourceUris;
    }

    /**
     * Whether a request's identity ({@code trace_id}, {@code span_id}, {@code request_id}, {@code tool},
     * {@code client_hash}) is put in the SLF4J MDC while its handler runs, for structured logs.
     */
    public boolean logContext() {
        return logContext;
    }

    /** Whether anything at all is recorded. */
    public boolean enabled() {
        return meterRegistry != null || tracing() || logContext;
    }

    /** Builder of {@link Telemetry}. Not thread-safe. */
    public static final class Builder {
        private MeterRegistry meterRegistry;
        private OpenTelemetry openTelemetry = OpenTelemetry.noop();
        private boolean resourceUris;
        private boolean logContext;

        private Builder() {
        }

        /** Records metrics into {@code registry} ({@code null}: no metrics). */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /** Records spans with {@code openTelemetry}'s tracer provider and propagators. */
        public Builder openTelemetry(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
            return this;
        }

        /** Adds {@code mcp.resource.uri} to the duration metric (default off: unbounded cardinality). */
        public Builder resourceUrisOnMetrics(boolean on) {
            this.resourceUris = on;
            return this;
        }

        /** Puts each request's identity in the SLF4J MDC while it runs (default off). */
        public Builder logContext(boolean on) {
            this.logContext = on;
            return this;
        }

        public Telemetry build() {
            return new Telemetry(this);
        }
    }
}
