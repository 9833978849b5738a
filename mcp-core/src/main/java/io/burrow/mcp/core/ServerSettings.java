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
 * @param logFormat how log lines are written: text or JSON
 * @param cacheSpecs per-cache Caffeine spec overrides
 * @param maxResourceBytes the largest resource content returned by {@code resources/read}
 * @param toolThreads size of the shared pool modules use for concurrent work
 * @param requestThreads requests answered at once
 * @param requestQueue requests waiting for a thread before new ones are refused as overloaded
 * @param requestTimeoutSeconds the deadline of every request
 * @param pageSize items per page of list results
 * @param requestStateKey the key sealing 2026-07-28 request state, shared by replicas
 * @param replicated whether this process is one of several replicas serving the same clients
 * @param maxSubscriptions open 2026-07-28 subscription streams at most
 */
@SettingsGroup(prefix = "burrow", envPrefix = "BURROW", title = "Server")
public record ServerSettings(
        @Setting(value = "Log level on stderr: trace, debug, info, warn or error.", defaultValue = "info")
        @Pattern(regexp = "trace|debug|info|warn|error", message = "must be one of trace, debug, info, warn, error")
        String logLevel,

        @Setting(value = "Format of the log lines on stderr: 'text' for people, or 'json', one JSON object per line "
                + "(time, level, logger, thread, message, stack_trace, and for lines logged while a request runs "
                + "trace_id, span_id, request_id, mcp_method, tool and client_hash).", defaultValue = "text")
        @Pattern(regexp = "text|json", message = "must be text or json")
        String logFormat,

        @Setting("Caffeine spec overrides for named caches, ';'-separated: "
                + "'gopher.responses=maximumSize=100,expireAfterWrite=60s;zim.clusters=maximumWeight=33554432'.")
        String cacheSpecs,

        @Setting(value = "Largest content returned by resources/read, in bytes.", defaultValue = "8388608")
        @Min(1024) @Max(1073741824L) long maxResourceBytes,

        @Setting(value = "Threads in the shared pool modules use for concurrent work such as batch fetches.",
                defaultValue = "16")
        @Min(1) @Max(256) int toolThreads,

        @Setting(value = "Requests (tool calls, reads, prompts) answered at once; more wait in the queue.",
                defaultValue = "32")
        @Min(1) @Max(1024) int requestThreads,

        @Setting(value = "Requests that may wait for a thread; beyond that a request is answered at once with "
                + "OVERLOADED and retry_after_seconds.", defaultValue = "256")
        @Min(0) @Max(100000) int requestQueue,

        @Setting(value = "Deadline of every request, in seconds: a request not finished by then is answered with "
                + "TIMEOUT and its work is cancelled. Keep it below your clients' own timeout (60 s for the "
                + "TypeScript SDK).", defaultValue = "55")
        @Min(1) @Max(3600) int requestTimeoutSeconds,

        @Setting(value = "Items per page of tools/list, resources/list, resources/templates/list and prompts/list; "
                + "longer lists carry a nextCursor.", defaultValue = "100")
        @Min(1) @Max(10000) int pageSize,

        @Setting(value = "Key sealing the requestState of 2026-07-28 multi-round-trip requests (HMAC-SHA256), "
                + "base64 or hex, at least 32 bytes. Every replica serving the same clients must have the same "
                + "key; unset, each process makes a random one.", secret = true)
        String requestStateKey,

        @Setting(value = "This process is one of several replicas behind a load balancer: requires "
                + "BURROW_REQUEST_STATE_KEY, so that a retry reaching another replica is understood.",
                defaultValue = "false")
        boolean replicated,

        @Setting(value = "Open 2026-07-28 subscriptions/listen streams at most; more are refused.",
                defaultValue = "256")
        @Min(1) @Max(100000) int maxSubscriptions) {
}
