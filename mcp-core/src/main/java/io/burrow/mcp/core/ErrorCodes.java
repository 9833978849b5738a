package io.burrow.mcp.core;

/**
 * The error codes shared by every module. Backends declare further codes of their own the same way
 * (documented in {@code docs/tools.md}); all codes are stable, upper-case and safe to match on.
 */
public final class ErrorCodes {

    /** The arguments or the URI are malformed, out of range or inconsistent. */
    public static final ErrorCode INVALID_REQUEST = ErrorCode.invalid("INVALID_REQUEST");
    /** The host policy refused the target (private address, denied port, host not allowed). */
    public static final ErrorCode BLOCKED = ErrorCode.refused("BLOCKED");
    /** The named thing does not exist (archive, entry, tool, resource). */
    public static final ErrorCode NOT_FOUND = ErrorCode.notFound("NOT_FOUND");
    /** The remote side failed or could not be reached. */
    public static final ErrorCode FETCH_ERROR = ErrorCode.unavailable("FETCH_ERROR");
    /** The host name does not resolve (no such name, or the resolver failed); distinct from {@code BLOCKED}. */
    public static final ErrorCode DNS_ERROR = ErrorCode.unavailable("DNS_ERROR");
    /** The site's robots.txt disallows the URL for this server; {@code error.rule} quotes the rule that matched. */
    public static final ErrorCode BLOCKED_BY_ROBOTS = ErrorCode.refused("BLOCKED_BY_ROBOTS");
    /** The site's robots.txt could not be read and the backend's policy is to refuse then ({@code error.reason}). */
    public static final ErrorCode ROBOTS_UNAVAILABLE = ErrorCode.unavailable("ROBOTS_UNAVAILABLE");
    /** A deadline passed. */
    public static final ErrorCode TIMEOUT = ErrorCode.unavailable("TIMEOUT");
    /** A response or an input exceeded a size limit. */
    public static final ErrorCode TOO_LARGE = ErrorCode.refused("TOO_LARGE");
    /** A rate limit or a concurrency cap refused the request. */
    public static final ErrorCode RATE_LIMITED = ErrorCode.unavailable("RATE_LIMITED");
    /** The server is at its concurrency limit; retry after {@code retry_after_seconds}. */
    public static final ErrorCode OVERLOADED = ErrorCode.unavailable("OVERLOADED");
    /**
     * An upstream server failed again and again (refused connections, timeouts): its circuit breaker is open and
     * requests to it fail fast until {@code retry_after_seconds} have passed.
     */
    public static final ErrorCode UPSTREAM_UNAVAILABLE = ErrorCode.unavailable("UPSTREAM_UNAVAILABLE");
    /** The client cancelled the request (it never sees this code: cancelled requests get no answer). */
    public static final ErrorCode CANCELLED = ErrorCode.unavailable("CANCELLED");
    /** The request needs a client capability the client did not declare. */
    public static final ErrorCode MISSING_CLIENT_CAPABILITY = ErrorCode.invalid("MISSING_CLIENT_CAPABILITY");
    /** The settings are invalid. */
    public static final ErrorCode INVALID_CONFIGURATION = ErrorCode.invalid("INVALID_CONFIGURATION");
    /** Something went wrong inside Burrow; details are only in the server log. */
    public static final ErrorCode INTERNAL_ERROR = ErrorCode.internal("INTERNAL_ERROR");

    private ErrorCodes() {
    }
}
