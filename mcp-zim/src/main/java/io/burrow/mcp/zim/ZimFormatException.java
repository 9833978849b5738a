package io.burrow.mcp.zim;

/** The archive is damaged or is not a ZIM archive. Code {@code ZIM_FORMAT_ERROR}. */
public class ZimFormatException extends ZimException {

    private static final long serialVersionUID = 1L;

    /** @param message what is damaged */
    public ZimFormatException(String message) {
        super(ZimErrors.FORMAT_ERROR, message);
    }

    /**
     * @param message what is damaged
     * @param cause the underlying failure (logs only)
     */
    public ZimFormatException(String message, Throwable cause) {
        super(ZimErrors.FORMAT_ERROR, message, cause);
    }
}
