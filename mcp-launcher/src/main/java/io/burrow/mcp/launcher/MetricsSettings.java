package io.burrow.mcp.launcher;

import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsGroup;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * The management endpoint of both launchers ({@code BURROW_METRICS_*}): Prometheus metrics at
 * {@code GET /metrics} on a port of its own, outside the MCP endpoint, its authentication and its limits.
 * Unset, no metrics are collected at all. Traces are configured with the standard {@code OTEL_*}
 * variables instead (docs/operations.md).
 *
 * @param port the management port, or {@code null} for no metrics
 * @param host the address the management port listens on
 * @param resourceUris whether resource URIs become an attribute of the duration metric
 */
@SettingsGroup(prefix = "metrics", envPrefix = "BURROW_METRICS", title = "Metrics")
public record MetricsSettings(
        @Setting("Port of the management endpoint: Prometheus metrics at GET /metrics (no authentication), apart "
                + "from the MCP port. Unset: no metrics are collected. 0 picks a free port.")
        @Min(0) @Max(65535) Integer port,

        @Setting(value = "Address the management endpoint listens on. It needs no token: keep it on loopback, or "
                + "open it (0.0.0.0 in a pod) only to the network Prometheus scrapes from.", defaultValue = "127.0.0.1")
        @NotBlank String host,

        @Setting(value = "Record the resource URI (mcp.resource.uri) on mcp.server.operation.duration. Every URI read "
                + "becomes a time series of its own: enable only for a small, fixed set of resources.",
                defaultValue = "false")
        boolean resourceUris) {
}
