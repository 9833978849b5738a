package io.burrow.mcp.zim.search;

import io.burrow.mcp.core.BurrowException;

/**
 * An embedded Xapian index is damaged, truncated or in a format Burrow does not read.
 * Code {@value #CODE}. The message names the problem, never a host path.
 */
public class IndexFormatException extends BurrowException {

    private static final long serialVersionUID = 1L;

    /** The stable error code. */
    public static final io.burrow.mcp.core.ErrorCode CODE = io.burrow.mcp.core.ErrorCode.invalid("INDEX_FORMAT_ERROR");

    /** @param message client-safe description of the damage */
    public IndexFormatException(String message) {
        super(CODE, message, "The archive's search index is damaged; title listing may still work.");
    }

    /**
     * @param message client-safe description of the damage
     * @param cause the underlying failure (kept for logs only)
     */
    public IndexFormatException(String message, Throwable cause) {
        super(CODE, message, "The archive's search index is damaged; title listing may still work.", cause);
    }
}
