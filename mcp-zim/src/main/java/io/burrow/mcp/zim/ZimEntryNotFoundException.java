package io.burrow.mcp.zim;

import io.burrow.mcp.core.ErrorCodes;

/** No entry has the requested path, title or index. Code {@code NOT_FOUND}. */
public class ZimEntryNotFoundException extends ZimException {

    private static final long serialVersionUID = 1L;

    /** @param message client-safe message naming the entry */
    public ZimEntryNotFoundException(String message) {
        super(ErrorCodes.NOT_FOUND, message);
    }
}
