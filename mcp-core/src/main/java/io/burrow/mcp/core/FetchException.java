package io.burrow.mcp.core;

/**
 * A remote fetch failed: the peer could not be reached ({@code FETCH_ERROR}), a deadline passed
 * ({@code TIMEOUT}) or the response was too large ({@code TOO_LARGE}), or a backend-specific code.
 */
public class FetchException extends BurrowException {

    private static final long serialVersionUID = 1L;

    public FetchException(ErrorCode code, String message) {
        super(code, message);
    }

    public FetchException(ErrorCode code, String message, Throwable cause) {
        super(code, message, null, cause);
    }

    public static FetchException timeout(String message) {
        return new FetchException(ErrorCodes.TIMEOUT, message);
    }

    public static FetchException tooLarge(String message) {
        return new FetchException(ErrorCodes.TOO_LARGE, message);
    }

    public static FetchException failed(String message, Throwable cause) {
        return new FetchException(ErrorCodes.FETCH_ERROR, message, cause);
    }
}
