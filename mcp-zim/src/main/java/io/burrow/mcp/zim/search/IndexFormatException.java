package io.burrow.mcp.zim.search;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.zim.ZimErrors;

/**
 * An embedded Xapian index is damaged, truncated or in a format Burrow does not read.
 * Code {@code INDEX_FORMAT_ERROR} ({@link ZimErrors#INDEX_FORMAT_ERROR}). The message names the problem, never a host path.
 */
public class IndexFormatException extends BurrowException {

    private static final long serialVersionUID = 1L;

    /** @param message client-safe description of the damage */
    public IndexFormatException(String message) {
        super(ZimErrors.INDEX_FORMAT_ERROR, message, "The archive's search index is damaged; title listing may still work.");
    }

    /**
     * @param message client-safe description of the damage
     * @param cause the underlying failure (kept for logs only)
     */
    public IndexFormatException(String message, Throwable cause) {
        super(ZimErrors.INDEX_FORMAT_ERROR, message, "The archive's search index is damaged; title listing may still work.", cause);
    }
}
