package io.burrow.mcp.core;

/** The request is malformed or inconsistent. Code {@code INVALID_REQUEST}. */
public class InvalidRequestException extends BurrowException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(ErrorCodes.INVALID_REQUEST, message);
    }

    public InvalidRequestException(String message, String hint) {
        super(ErrorCodes.INVALID_REQUEST, message, hint);
    }
}
