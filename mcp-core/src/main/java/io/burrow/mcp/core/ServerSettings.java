package io.burrow.mcp.core;

import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsGroup;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/**
 * Server-wide settings ({@code BURROW_*}).
 *
 * @param logLevel log level of everything written to stderr
 * @param cacheSpecs per-cache Caffeine spec overrides
 * @param maxResourceBytes the largest resource content returned by {@code resources/read}
 * @param toolThreads size of the shared pool modules use for concurrent work
 */
@SettingsGroup(prefix = "burrow", envPrefix = "BURROW", title = "Server")
public record ServerSettings(
        @Setting(value = "Log level on stderr: trace, debug, info, warn or error.", defaultValue = "info")
        @Pattern(regexp = "trace|debug|info|warn|error", message = "must be one of trace, debug, info, warn, error")
        String logLevel,

        @Setting("Caffeine spec overrides for named caches, ';'-separated: "
                + "'gopher.responses=maximumSize=100,expireAfterWrite=60s;zim.clusters=maximumWeight=33554432'.")
        String cacheSpecs,

        @Setting(value = "Largest content returned by resources/read, in bytes.", defaultValue = "8388608")
        @Min(1024) @Max(1073741824L) long maxResourceBytes,

        @Setting(value = "Threads in the shared pool for concurrent work such as batch fetches.", defaultValue = "16")
        @Min(1) @Max(256) int toolThreads) {
}
