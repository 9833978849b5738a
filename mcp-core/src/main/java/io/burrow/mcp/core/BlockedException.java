package io.burrow.mcp.core;

/** The host policy refused the target. The message never reveals a resolved address. Code {@code BLOCKED}. */
public class BlockedException extends BurrowException {

    private static final long serialVersionUID = 1L;

    public BlockedException(String message) {
        super(ErrorCodes.BLOCKED, message);
    }

    public BlockedException(String message, String hint) {
        super(ErrorCodes.BLOCKED, message, hint);
    }
}
