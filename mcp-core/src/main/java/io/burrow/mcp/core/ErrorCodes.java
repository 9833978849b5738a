package io.burrow.mcp.core;

/**
 * The error codes shared by every module. Backends define further codes of their own (documented in
 * {@code docs/tools.md}); all codes are stable, upper-case and safe to match on.
 */
public final class ErrorCodes {

    /** The arguments or the URI are malformed, out of range or inconsistent. */
    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    /** The host policy refused the target (private address, denied port, host not allowed). */
    public static final String BLOCKED = "BLOCKED";
    /** The named thing does not exist (archive, entry, tool, resource). */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** The remote side failed or could not be reached. */
    public static final String FETCH_ERROR = "FETCH_ERROR";
    /** A deadline passed. */
    public static final String TIMEOUT = "TIMEOUT";
    /** A response or an input exceeded a size limit. */
    public static final String TOO_LARGE = "TOO_LARGE";
    /** A rate limit or a concurrency cap refused the request. */
    public static final String RATE_LIMITED = "RATE_LIMITED";
    /** The server is at its concurrency limit; retry after {@code retry_after_seconds}. */
    public static final String OVERLOADED = "OVERLOADED";
    /** The client cancelled the request (it never sees this code: cancelled requests get no answer). */
    public static final String CANCELLED = "CANCELLED";
    /** Something went wrong inside Burrow; details are only in the server log. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ErrorCodes() {
    }
}
