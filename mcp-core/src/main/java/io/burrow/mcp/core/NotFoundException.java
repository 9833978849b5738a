package io.burrow.mcp.core;

/** The named archive, entry, tool or resource does not exist. Code {@code NOT_FOUND}. */
public class NotFoundException extends BurrowException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(ErrorCodes.NOT_FOUND, message);
    }

    public NotFoundException(String message, String hint) {
        super(ErrorCodes.NOT_FOUND, message, hint);
    }
}
