package io.burrow.mcp.launcher;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The process's metrics when {@code BURROW_METRICS_PORT} asks for them: the registry every server of the
 * process records into (with the JVM's own meters), and its rendering for a Prometheus scrape. A launcher
 * serves {@link #scrape} at {@code GET /metrics} on the management port ({@link MetricsSettings}).
 */
public interface MetricsEndpoint {

    /** The path metrics are served at. */
    String PATH = "/metrics";

    /** Where meters are registered (a launcher adds its own, such as its HTTP thread pool). */
    MeterRegistry registry();

    /** The host and port to serve on. */
    MetricsSettings settings();

    /**
     * Writes every meter in the Prometheus or OpenMetrics text format, as the request's {@code Accept}
     * header asks.
     *
     * @param accept the {@code Accept} header, or {@code null}
     * @return the content type written
     */
    String scrape(String accept, OutputStream out) throws IOException;
}
