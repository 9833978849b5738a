package io.burrow.mcp.zim;

import io.burrow.mcp.core.BurrowException;
import io.burrow.mcp.core.ErrorCode;

/**
 * Root of the ZIM reader's exceptions: every failure of {@link ZimArchive} and its entries is a
 * {@code ZimException} (unchecked, a {@link BurrowException}) with a stable {@linkplain #code() code}:
 *
 * <ul>
 *   <li>{@link #FORMAT_ERROR}: the archive is damaged or not a ZIM archive ({@link ZimFormatException});
 *   <li>{@link #UNSUPPORTED}: a valid but unsupported feature, e.g. zlib/bzip2 clusters;
 *   <li>{@link #IO_ERROR}: the file could not be opened or read;
 *   <li>{@code NOT_FOUND}: no such entry ({@link ZimEntryNotFoundException});
 *   <li>{@code TOO_LARGE}: content exceeds a configured limit or a Java array;
 *   <li>{@link #CLOSED}: the archive was closed;
 *   <li>{@link #CHANGED}: the archive's file was truncated, replaced or modified while it was open (see
 *       {@link ZimArchive#hasChanged()}); close it and open it again.
 * </ul>
 *
 * <p>Messages name the archive by file name only, never by its directory.
 */
public class ZimException extends BurrowException {

    private static final long serialVersionUID = 1L;

    /** Code of a damaged or invalid archive. */
    public static final ErrorCode FORMAT_ERROR = ErrorCode.invalid("ZIM_FORMAT_ERROR");
    /** Code of an unsupported feature (zlib or bzip2 clusters, unknown major version). */
    public static final ErrorCode UNSUPPORTED = ErrorCode.invalid("ZIM_UNSUPPORTED");
    /** Code of an I/O failure. */
    public static final ErrorCode IO_ERROR = ErrorCode.unavailable("ZIM_IO_ERROR");
    /** Code of an operation on a closed archive. */
    public static final ErrorCode CLOSED = ErrorCode.unavailable("ZIM_CLOSED");
    /** Code of a read that failed because the archive's file changed on disk while it was open. */
    public static final ErrorCode CHANGED = ErrorCode.unavailable("ARCHIVE_CHANGED");

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
