package io.burrow.mcp.zim;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCode;

/**
 * Root of the ZIM reader's exceptions: every failure of {@link ZimArchive} and its entries is a
 * {@code ZimException} (unchecked, a {@link BurrowException}) with a stable {@linkplain #code() code}, one of
 * {@link ZimErrors} or the core's:
 *
 * <ul>
 *   <li>{@link ZimErrors#FORMAT_ERROR}: the archive is damaged or not a ZIM archive ({@link ZimFormatException});
 *   <li>{@link ZimErrors#UNSUPPORTED}: a valid but unsupported feature, e.g. zlib/bzip2 clusters;
 *   <li>{@link ZimErrors#IO_ERROR}: the file could not be opened or read;
 *   <li>{@code NOT_FOUND}: no such entry ({@link ZimEntryNotFoundException});
 *   <li>{@code TOO_LARGE}: content exceeds a configured limit or a Java array;
 *   <li>{@link ZimErrors#CLOSED}: the archive was closed;
 *   <li>{@link ZimErrors#CHANGED}: the archive's file was truncated, replaced or modified while it was open (see
 *       {@link ZimArchive#hasChanged()}); close it and open it again.
 * </ul>
 *
 * <p>Messages name the archive by file name only, never by its directory.
 */
public class ZimException extends BurrowException {

    private static final long serialVersionUID = 1L;

    /**
     * @param code stable upper-case code
     * @param message client-safe message
     */
    public ZimException(ErrorCode code, String message) {
        super(code, message);
    }

    /**
     * @param code stable upper-case code
     * @param message client-safe message
     * @param cause the underlying failure (logs only)
     */
    public ZimException(ErrorCode code, String message, Throwable cause) {
        super(code, message, null, cause);
    }

    /**
     * @param code stable upper-case code
     * @param message client-safe message
     * @param hint what to do instead, or {@code null}
     * @param cause the underlying failure (logs only), or {@code null}
     */
    public ZimException(ErrorCode code, String message, String hint, Throwable cause) {
        super(code, message, hint, cause);
    }
}
