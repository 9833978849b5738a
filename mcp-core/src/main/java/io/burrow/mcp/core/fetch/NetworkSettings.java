package io.burrow.mcp.core.fetch;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.config.Setting;
import io.burrow.mcp.core.config.SettingsPart;
import io.burrow.mcp.core.net.HostPolicy;
import io.burrow.mcp.core.net.NetworkRules;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Set;

/**
 * The settings every network backend has, declared once and embedded in each backend's settings group
 * (see {@link SettingsPart}): {@code GopherSettings(NetworkSettings network, …)} binds
 * {@code GOPHER_TIMEOUT_SECONDS}, {@code GeminiSettings(NetworkSettings network, …)} binds
 * {@code GEMINI_TIMEOUT_SECONDS}, each with the same default, range and meaning. The names, defaults
 * and ranges are gopher-mcp's.
 *
 * @param maxResponseSize largest response read from a server, in bytes
 * @param timeoutSeconds the deadline of one fetch (resolve, connect, handshake, send and read together)
 * @param cacheEnabled whether successful results are cached
 * @param cacheTtlSeconds how long a cached result is served (0 turns the cache off)
 * @param maxCacheEntries how many results the cache holds
 * @param maxRenderedChars longest text returned, in characters (0: no limit)
 * @param allowedHosts when not empty, the only hosts fetched
 * @param allowedPorts when not empty, the only ports fetched
 * @param allowLocalHosts whether loopback, private and other non-public addresses may be fetched
 * @param allowMetadataHosts whether cloud metadata addresses may be fetched ({@code allowLocalHosts} does
 *     not cover them)
 * @param requestsPerMinute per-host rate limit (0: off), in bursts of {@link #requestBurst()}
 * @param maxConcurrentRequests cap on simultaneous fetches of the backend (0: off)
 * @param batchConcurrency simultaneous fetches of one batch call
 * @param batchDeadlineSeconds overall deadline of one batch call
 * @param maxQueuedRequests fetches that may wait for a slot when {@code maxConcurrentRequests} are in flight
 * @param connectRetries further connection attempts after a refused or unreachable connection
 * @param retryBackoffMillis the pause before the first retry (doubling, with jitter)
 * @param breakerFailureThreshold consecutive failed fetches to one host and port that open its circuit
 *     breaker (0: off)
 * @param breakerOpenSeconds how long an open breaker fails fetches fast before one probe goes through
 * @param maxConcurrentPerHost cap on simultaneous connections to one host and port (0: off)
 */
@SettingsPart
public record NetworkSettings(
        @Setting(value = "Largest response read from a {title} server, in bytes (1 KiB to 100 MiB). Text beyond it "
                + "is cut off and marked truncated; binaries are reported by size and type only.",
                defaultValue = "1048576")
        @Min(1024) @Max(104857600L) long maxResponseSize,

        @Setting(value = "Deadline of one {title} fetch in seconds, covering name resolution, connect, handshake, "
                + "send and read together (fractions allowed, up to 300). A fetch never runs past the deadline of "
                + "the request it serves (BURROW_REQUEST_TIMEOUT_SECONDS).", defaultValue = "30")
        @DecimalMin(value = "0", inclusive = false, message = "must be > 0")
        @DecimalMax(value = "300", message = "must be <= 300") double timeoutSeconds,

        @Setting(value = "Cache successful {title} results in memory. Errors are never cached, nor are answers that "
                + "may depend on a secret (Gemini: URLs with a query, pages fetched with a client certificate).",
                defaultValue = "true")
        boolean cacheEnabled,

        @Setting(value = "How long a cached {title} result is served, in seconds (0 to 86400; 0 disables the cache).",
                defaultValue = "300")
        @Min(0) @Max(86400) int cacheTtlSeconds,

        @Setting(value = "Most {title} results held in the cache (1 to 100000).", defaultValue = "1000")
        @Min(1) @Max(100000) int maxCacheEntries,

        @Setting(value = "Longest text returned, in characters; longer text is cut and marked truncated (0: no limit).",
                defaultValue = "50000")
        @Min(0) @Max(100000000) int maxRenderedChars,

        @Setting("Comma-separated hosts that may be fetched; empty allows every public host. Exact names, or "
                + "'*.example.org' for subdomains; compared case-insensitively.")
        Set<String> allowedHosts,

        @Setting("Comma-separated ports that may be fetched; empty allows every port except the always-denied ones "
                + "(SSH, SMTP, databases, container control planes, ...: see Host policy below), which stay refused "
                + "even when listed.")
        Set<Integer> allowedPorts,

        @Setting(value = "Allow fetching loopback, private, link-local and other non-public addresses (for local "
                + "servers and tests). The dangerous-port denylist still applies, and cloud metadata addresses need "
                + "{ENV}_ALLOW_METADATA_HOSTS.", defaultValue = "false")
        boolean allowLocalHosts,

        @Setting(value = "Allow fetching cloud metadata endpoints (169.254.169.254, fd00:ec2::254, 100.100.100.200 and "
                + "the others under Host policy below), which hand out the machine's credentials and which "
                + "{ENV}_ALLOW_LOCAL_HOSTS does not allow.", defaultValue = "false")
        boolean allowMetadataHosts,

        @Setting(value = "Per-host rate limit: at most this many requests a minute to one host and port, in bursts "
                + "of at most a tenth of them, then evenly spaced (0: off). A request waits for its turn when that fits "
                + "in its deadline, else fails with RATE_LIMITED. On by default, as in gopher-mcp 0.6+.",
                defaultValue = "60")
        @Min(0) @Max(100000) int requestsPerMinute,

        @Setting(value = "Most {title} fetches in flight at once across all clients (0: no limit), the backend's "
                + "bulkhead. A request waits for a slot within its deadline, else fails with RATE_LIMITED; when "
                + "{ENV}_MAX_QUEUED_REQUESTS are already waiting it fails at once with OVERLOADED and "
                + "retry_after_seconds.", defaultValue = "64")
        @Min(0) @Max(10000) int maxConcurrentRequests,

        @Setting(value = "Simultaneous fetches of one {prefix}_batch_fetch call (1 to 50).", defaultValue = "5")
        @Min(1) @Max(50) int batchConcurrency,

        @Setting(value = "Overall deadline of one {prefix}_batch_fetch call, in seconds (1 to 300): URLs not fetched "
                + "by then come back as TIMEOUT errors in their place, so the call answers before the client gives "
                + "up. It never runs past the request deadline (BURROW_REQUEST_TIMEOUT_SECONDS).",
                defaultValue = "40")
        @Min(1) @Max(300) int batchDeadlineSeconds,

        @Setting(value = "{title} fetches that may wait for a slot while {ENV}_MAX_CONCURRENT_REQUESTS are in flight "
                + "(0 to 10000); one more fails at once with OVERLOADED and retry_after_seconds.", defaultValue = "128")
        @Min(0) @Max(10000) int maxQueuedRequests,

        @Setting(value = "Further connection attempts after a refused, reset or unreachable {title} connection (0 to "
                + "5), with exponential backoff and jitter, always within the fetch's deadline. Only connecting is "
                + "retried: once a byte was exchanged, a failure is final.", defaultValue = "2")
        @Min(0) @Max(5) int connectRetries,

        @Setting(value = "Pause before the first connection retry in milliseconds (10 to 10000); each further pause "
                + "doubles, each randomised by +/-50%.", defaultValue = "200")
        @Min(10) @Max(10000) int retryBackoffMillis,

        @Setting(value = "Consecutive failed {title} fetches to one host and port (connections refused, reset or "
                + "unreachable after the retries; timeouts) that open its circuit breaker (0: off, up to 1000). While "
                + "open, fetches to it fail at once with UPSTREAM_UNAVAILABLE and retry_after_seconds; then one probe "
                + "goes through: success closes the breaker, failure opens it again.", defaultValue = "5")
        @Min(0) @Max(1000) int breakerFailureThreshold,

        @Setting(value = "How long an open {title} circuit breaker fails fetches fast before letting a probe through, "
                + "in seconds (fractions allowed, up to 3600).", defaultValue = "30")
        @DecimalMin(value = "0", inclusive = false, message = "must be > 0")
        @DecimalMax(value = "3600", message = "must be <= 3600") double breakerOpenSeconds,

        @Setting(value = "Per-host concurrency cap: at most this many {title} connections open at once to one host "
                + "and port, across all clients and tools (0: off, up to 1000). A request waits for a free slot of "
                + "its host within its deadline, holding nothing else (other hosts are not held up), else fails with "
                + "RATE_LIMITED and retry_after_seconds. On by default, as in gopher-mcp 0.6+ (5 concurrent per "
                + "host); {ENV}_MAX_CONCURRENT_REQUESTS is the cap over all hosts.", defaultValue = "5")
        @Min(0) @Max(1000) int maxConcurrentPerHost) {

    /**
     * Normalises the allowlists.
     *
     * @throws IllegalArgumentException if an allowed host is not a valid host name or an allowed port is
     *     out of range
     */
    public NetworkSettings {
        allowedHosts = allowedHosts == null ? Set.of() : Set.copyOf(allowedHosts);
        allowedPorts = allowedPorts == null ? Set.of() : Set.copyOf(allowedPorts);
        for (String h : allowedHosts) {
            try {
                HostPolicy.normalizeHost(h);
            } catch (BurrowException e) {
                throw new IllegalArgumentException("{ENV}_ALLOWED_HOSTS contains an invalid host name: " + h);
            }
        }
        for (Integer p : allowedPorts) {
            if (p == null || p < 1 || p > 65535) {
                throw new IllegalArgumentException("{ENV}_ALLOWED_PORTS must hold ports between 1 and 65535, was " + p);
            }
        }
    }

    /** The defaults, as if no setting were given. */
    public static NetworkSettings defaults() {
        return new NetworkSettings(1048576, 30, true, 300, 1000, 50000, Set.of(), Set.of(), false, false, 60, 64, 5, 40,
                128, 2, 200, 5, 30, 5);
    }

    /** What these settings let fetches connect to (the dangerous ports are always denied). */
    public NetworkRules networkRules() {
        return new NetworkRules(allowLocalHosts, allowMetadataHosts, allowedHosts, allowedPorts,
                NetworkRules.DANGEROUS_PORTS);
    }

    /** The deadline of one fetch. */
    public Duration timeout() {
        return Duration.ofNanos((long) (timeoutSeconds * 1_000_000_000L));
    }

    /** How long an open circuit breaker fails fast. */
    public Duration breakerOpenDuration() {
        return Duration.ofNanos((long) (breakerOpenSeconds * 1_000_000_000L));
    }

    /** The overall deadline of one batch call. */
    public Duration batchDeadline() {
        return Duration.ofSeconds(batchDeadlineSeconds);
    }

    /** The burst of the per-host rate limit: a tenth of {@code requestsPerMinute}, at least 1. */
    public int requestBurst() {
        return Math.max(1, requestsPerMinute / 10);
    }

    /** Whether successful results are cached ({@code cacheEnabled} and a TTL above 0). */
    public boolean caching() {
        return cacheEnabled && cacheTtlSeconds > 0;
    }
}
