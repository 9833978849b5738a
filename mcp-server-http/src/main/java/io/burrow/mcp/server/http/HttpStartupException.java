package io.burrow.mcp.server.http;

/**
 * The HTTP server refused to start: an unsafe configuration (a non-loopback address without a
 * token), an address it cannot listen on, or an invalid allowlist entry. The message says what to
 * change and is fit to print to an operator.
 */
public final class HttpStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A refusal with an operator-facing message. */
    public HttpStartupException(String message) {
        super(message);
    }

    /** A refusal caused by {@code cause} (kept for the log; the message stands alone). */
    public HttpStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
