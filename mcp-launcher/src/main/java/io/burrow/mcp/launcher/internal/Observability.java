package io.burrow.mcp.launcher.internal;

import ch.qos.logback.classic.LoggerContext;
import io.burrow.mcp.core.BurrowServer;
import io.burrow.mcp.core.Telemetry;
import io.burrow.mcp.core.config.ConfigurationException;
import io.burrow.mcp.launcher.MetricsEndpoint;
import io.burrow.mcp.launcher.MetricsSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.logging.LogbackMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The telemetry of a launcher process, made when the first server is: a Prometheus registry with the
 * JVM's meters when {@code BURROW_METRICS_PORT} is set, an OpenTelemetry SDK exporting spans when the
 * standard {@code OTEL_*} variables ask for it (SDK autoconfiguration), the request context in the log
 * MDC for JSON logs. With none of these the servers get {@link Telemetry#NONE}. Closing flushes the
 * spans still buffered.
 */
public final class Observability implements AutoCloseable {

    private final MetricsSettings settings;
    private final Map<String, String> otelProperties;
    private final boolean logContext;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private Telemetry telemetry;
    private MetricsEndpoint endpoint;

    /**
     * @param env the process environment ({@code OTEL_*} variables)
     * @param systemProperties the system properties ({@code otel.*} properties, which win)
     * @param jsonLogs whether log lines are JSON (then they carry the request's identity)
     */
    public Observability(MetricsSettings settings, Map<String, String> env, Map<String, String> systemProperties,
            boolean jsonLogs) {
        this.settings = settings;
        this.otelProperties = otelProperties(env, systemProperties);
        this.logContext = jsonLogs;
    }

    /** {@code OTEL_EXPORTER_OTLP_ENDPOINT} as {@code otel.exporter.otlp.endpoint}, and {@code otel.*} properties. */
    static Map<String, String> otelProperties(Map<String, String> env, Map<String, String> systemProperties) {
        Map<String, String> p = new HashMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith("OTEL_")) {
                p.put(k.toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        systemProperties.forEach((k, v) -> {
            if (k.startsWith("otel.")) {
                p.put(k, v);
            }
        });
        return p;
    }

    /**
     * Whether the {@code OTEL_*} settings ask for traces: {@code OTEL_TRACES_EXPORTER} other than
     * {@code none}, or, without it, an OTLP endpoint; never with {@code OTEL_SDK_DISABLED=true}. Burrow
     * differs from the SDK's default here, which would export to localhost:4318 with nothing set.
     */
    static boolean tracingAsked(Map<String, String> p) {
        if ("true".equalsIgnoreCase(p.getOrDefault("otel.sdk.disabled", "").trim())) {
            return false;
        }
        String exporter = p.get("otel.traces.exporter");
        if (exporter != null) {
            return !exporter.isBlank() && !"none".equalsIgnoreCase(exporter.trim());
        }
        return p.containsKey("otel.exporter.otlp.endpoint") || p.containsKey("otel.exporter.otlp.traces.endpoint");
    }

    /**
     * The servers' telemetry (made on the first call).
     *
     * @throws ConfigurationException if the {@code OTEL_*} settings are invalid
     */
    public synchronized Telemetry telemetry() {
        if (telemetry == null) {
            PrometheusMeterRegistry registry = settings.port() == null ? null : registry();
            OpenTelemetry otel = tracingAsked(otelProperties) ? sdk() : OpenTelemetry.noop();
            telemetry = Telemetry.builder().meterRegistry(registry).openTelemetry(otel)
                    .resourceUrisOnMetrics(settings.resourceUris()).logContext(logContext).build();
            if (registry != null) {
                endpoint = new Endpoint(registry, settings);
            }
        }
        return telemetry;
    }

    /** The metrics to serve on the management port, if {@code BURROW_METRICS_PORT} is set. */
    public synchronized Optional<MetricsEndpoint> metrics() {
        telemetry();
        return Optional.ofNullable(endpoint);
    }

    private PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(r);
        new JvmMemoryMetrics().bindTo(r);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(r);
        closeables.add(gc);
        new JvmThreadMetrics().bindTo(r);
        new ProcessorMetrics().bindTo(r);
        new UptimeMetrics().bindTo(r);
        new FileDescriptorMetrics().bindTo(r);
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext) {
            LogbackMetrics logs = new LogbackMetrics();
            logs.bindTo(r);
            closeables.add(logs);
        }
        closeables.add(r::close);
        return r;
    }

    private OpenTelemetry sdk() {
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", "burrow");
        properties.put("otel.metrics.exporter", "none"); // metrics go to Prometheus (BURROW_METRICS_PORT)
        properties.put("otel.logs.exporter", "none");
        // OTLP over HTTP with the JDK's client, the specification's default (the Java SDK's own is gRPC, which would
        // need OkHttp or gRPC Java on the class path)
        properties.put("otel.exporter.otlp.protocol", "http/protobuf");
        properties.putAll(otelProperties);
        try {
            OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> properties)
                    .addResourceCustomizer((resource, config) -> Resource.create(Attributes.of(
                            AttributeKey.stringKey("service.version"), BurrowServer.version())).merge(resource))
                    .build().getOpenTelemetrySdk();
            closeables.add(0, sdk); // first: spans are flushed before anything else closes
            return sdk;
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null && "Unexpected configuration error".equals(cause.getMessage())) {
                cause = cause.getCause();
            }
            LoggerFactory.getLogger(Observability.class).debug("OpenTelemetry autoconfiguration failed", e);
            throw new ConfigurationException(List.of("OTEL_* settings: " + cause.getMessage()));
        }
    }

    /** Flushes and stops the SDK, stops the JVM meters. */
    @Override
    public synchronized void close() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LoggerFactory.getLogger(Observability.class).warn("closing telemetry failed", e);
            }
        }
        closeables.clear();
    }

    /** The Prometheus registry as served on the management port. */
    private record Endpoint(PrometheusMeterRegistry prometheus, MetricsSettings settings) implements MetricsEndpoint {
        /** Made when metrics are served, not when the class loads: most processes serve none. */
        private static final ExpositionFormats FORMATS = ExpositionFormats.init();

        @Override
        public MeterRegistry registry() {
            return prometheus;
        }

        @Override
        public String scrape(String accept, OutputStream out) throws IOException {
            ExpositionFormatWriter writer = FORMATS.findWriter(accept);
            if (!writer.isAvailable()) {
                writer = FORMATS.getPrometheusTextFormatWriter();
            }
            writer.write(out, prometheus.getPrometheusRegistry().scrape());
            return writer.getContentType();
        }
    }
}
