package io.burrow.mcp.gopher;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsGroup;
import io.burrow.mcp.core.net.HostPolicy;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Set;

/**
 * Settings of the Gopher backend ({@code GOPHER_*}, flags {@code --gopher-*}). The names, defaults and
 * ranges follow gopher-mcp's, so its users can switch without changing their configuration; the
 * settings gopher-mcp lacks ({@code GOPHER_OVERSIZE}, {@code GOPHER_MAX_URL_LENGTH},
 * {@code GOPHER_BATCH_CONCURRENCY}) default to gopher-mcp's behaviour or its hard-coded values.
 *
 * @param maxResponseSize largest response read from a server, in bytes
 * @param oversize what happens to a response larger than {@code maxResponseSize}
 * @param timeoutSeconds the deadline of one fetch (resolve, connect, send and read together)
 * @param cacheEnabled whether successful results are cached
 * @param cacheTtlSeconds how long a cached result is served
 * @param maxCacheEntries how many results the cache holds
 * @param allowedHosts when not empty, the only hosts fetched
 * @param allowedPorts when not empty, the only ports fetched
 * @param allowLocalHosts whether loopback, private and other non-public addresses may be fetched
 * @param allowMetadataHosts whether cloud metadata addresses may be fetched ({@code allowLocalHosts} does not
 *     cover them)
 * @param maxSelectorLength longest selector, in UTF-8 bytes
 * @param maxSearchLength longest type-7 search string, in UTF-8 bytes
 * @param maxUrlLength longest URL, in UTF-8 bytes
 * @param maxRenderedChars longest text returned, in characters (0: no limit)
 * @param maxMenuItems most menu items returned
 * @param requestsPerMinute per-host rate limit (0: off)
 * @param maxConcurrentRequests global cap on simultaneous fetches (0: off)
 * @param batchConcurrency simultaneous fetches of one {@code gopher_batch_fetch} call
 */
@SettingsGroup(prefix = "gopher", envPrefix = "GOPHER", title = "Gopher")
public record GopherSettings(
        @Setting(value = "Largest response read from a Gopher server, in bytes (1 KiB to 100 MiB). Text beyond it is "
                + "cut off and marked truncated; binaries are reported as metadata; see GOPHER_OVERSIZE.",
                defaultValue = "1048576")
        @Min(1024) @Max(104857600L) long maxResponseSize,

        @Setting(value = "What to do with a response larger than GOPHER_MAX_RESPONSE_SIZE: 'truncate' returns the first "
                + "GOPHER_MAX_RESPONSE_SIZE bytes with truncated=true; 'reject' fails with TOO_LARGE (gopher-mcp's behaviour).",
                defaultValue = "truncate")
        @NotNull Oversize oversize,

        @Setting(value = "Deadline of one fetch in seconds, covering name resolution, connect, send and read together "
                + "(fractions allowed, up to 300).", defaultValue = "30")
        @DecimalMin(value = "0", inclusive = false, message = "must be > 0")
        @DecimalMax(value = "300", message = "must be <= 300") double timeoutSeconds,

        @Setting(value = "Cache successful Gopher results in memory (errors are never cached).", defaultValue = "true")
        boolean cacheEnabled,

        @Setting(value = "How long a cached Gopher result is served, in seconds (0 to 86400; 0 disables the cache).",
                defaultValue = "300")
        @Min(0) @Max(86400) int cacheTtlSeconds,

        @Setting(value = "Most Gopher results held in the cache (1 to 100000).", defaultValue = "1000")
        @Min(1) @Max(100000) int maxCacheEntries,

        @Setting("Comma-separated hosts that may be fetched; empty allows every public host. Exact names, or "
                + "'*.example.org' for subdomains; compared case-insensitively.")
        Set<String> allowedHosts,

        @Setting("Comma-separated ports that may be fetched; empty allows every port except the always-denied ones "
                + "(SSH, SMTP, databases, container control planes, ...: see Host policy below).")
        Set<Integer> allowedPorts,

        @Setting(value = "Allow fetching loopback, private, link-local and other non-public addresses (for local "
                + "servers and tests). The dangerous-port denylist still applies, and cloud metadata addresses need "
                + "GOPHER_ALLOW_METADATA_HOSTS.", defaultValue = "false")
        boolean allowLocalHosts,

        @Setting(value = "Allow fetching cloud metadata endpoints (169.254.169.254, fd00:ec2::254, 100.100.100.200 and "
                + "the others under Host policy below), which hand out the machine's credentials and which "
                + "GOPHER_ALLOW_LOCAL_HOSTS does not allow.", defaultValue = "false")
        boolean allowMetadataHosts,

        @Setting(value = "Longest selector accepted, in UTF-8 bytes after percent-decoding.", defaultValue = "1024")
        @Min(1) @Max(65536) int maxSelectorLength,

        @Setting(value = "Longest type-7 search string accepted, in UTF-8 bytes after percent-decoding.",
                defaultValue = "256")
        @Min(1) @Max(65536) int maxSearchLength,

        @Setting(value = "Longest gopher:// URL accepted, in UTF-8 bytes.", defaultValue = "8192")
        @Min(16) @Max(65536) int maxUrlLength,

        @Setting(value = "Longest text returned, in characters; longer text is cut and marked truncated (0: no limit).",
                defaultValue = "50000")
        @Min(0) @Max(100000000) int maxRenderedChars,

        @Setting(value = "Most menu items returned; further items are dropped and the menu marked truncated.",
                defaultValue = "1000")
        @Min(1) @Max(1000000) int maxMenuItems,

        @Setting(value = "Per-host rate limit: at most this many requests a minute to one host, evenly spaced "
                + "(0: off). A request waits for its turn when that fits in its deadline, else fails with RATE_LIMITED.",
                defaultValue = "0")
        @Min(0) @Max(100000) int requestsPerMinute,

        @Setting(value = "Most Gopher fetches in flight at once across all clients (0: no limit). A request waits for a "
                + "slot within its deadline, else fails with RATE_LIMITED.", defaultValue = "0")
        @Min(0) @Max(10000) int maxConcurrentRequests,

        @Setting(value = "Simultaneous fetches of one gopher_batch_fetch call (1 to 50).", defaultValue = "5")
        @Min(1) @Max(50) int batchConcurrency) {

    /** What happens to responses larger than {@link #maxResponseSize()}. */
    public enum Oversize {
        /** Return the first {@code maxResponseSize} bytes, marked {@code truncated}. */
        TRUNCATE,
        /** Fail with {@code TOO_LARGE}. */
        REJECT
    }

    /**
     * Normalises the allowlists.
     *
     * @throws IllegalArgumentException if an allowed host is not a valid host name
     */
    public GopherSettings {
        allowedHosts = allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts);
        allowedPorts = allowedPorts == null ? Set.of() : Set.copyOf(allowedPorts);
        for (String h : allowedHosts) {
            try {
                HostPolicy.normalizeHost(h);
            } catch (BurrowException e) {
                throw new IllegalArgumentException("GOPHER_ALLOWED_HOSTS contains an invalid host name: " + h);
            }
        }
        for (Integer p : allowedPorts) {
            if (p == null || p < 1 || p > 65535) {
                throw new IllegalArgumentException("GOPHER_ALLOWED_PORTS must hold ports between 1 and 65535, was " + p);
            }
        }
    }

    /** The defaults, as if no setting were given. */
    public static GopherSettings defaults() {
        return new GopherSettings(1048576, Oversize.TRUNCATE, 30, true, 300, 1000, Set.of(), Set.of(), false, false, 1024, 256,
                8192, 50000, 1000, 0, 0, 5);
    }
}
