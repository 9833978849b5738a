package io.burrow.mcp.zim;

/** The archive is damaged or is not a ZIM archive. Code {@value ZimException#FORMAT_ERROR}. */
public class ZimFormatException extends ZimException {

    private static final long serialVersionUID = 1L;

    public ZimFormatException(String message) {
        super(FORMAT_ERROR, message);
    }

    public ZimFormatException(String message, Throwable cause) {
        super(FORMAT_ERROR, message, cause);
    }
}
