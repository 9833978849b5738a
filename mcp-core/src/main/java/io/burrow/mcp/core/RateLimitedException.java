package io.burrow.mcp.core;

/** A rate limit or a concurrency cap refused the request. Code {@code RATE_LIMITED}. */
public class RateLimitedException extends BurrowException {

    private static final long serialVersionUID = 1L;

    public RateLimitedException(String message) {
        super(ErrorCodes.RATE_LIMITED, message);
    }

    public RateLimitedException(String message, String hint) {
        super(ErrorCodes.RATE_LIMITED, message, hint);
    }
}
