package io.burrow.mcp.gopher;

import io.burrow.mcp.core.ErrorCode;

/**
 * Error codes of the Gopher backend, besides the shared ones in {@link io.burrow.mcp.core.ErrorCodes}
 * ({@code INVALID_REQUEST}, {@code BLOCKED}, {@code FETCH_ERROR}, {@code TIMEOUT}, {@code TOO_LARGE},
 * {@code RATE_LIMITED}). Every code is stable and documented in {@code docs/tools.md}.
 */
public final class GopherErrors {

    /** An item type that cannot be fetched (telnet, tn3270, CSO); {@code error.host} and {@code error.port} say where to connect instead. */
    public static final ErrorCode NOT_FETCHABLE = ErrorCode.invalid("NOT_FETCHABLE");

    private GopherErrors() {
    }
}
