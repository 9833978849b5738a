package io.burrow.mcp.zim;

import io.burrow.mcp.core.ErrorCode;

/**
 * Every error code of the ZIM backend that is not one of the core's {@link io.burrow.mcp.core.ErrorCodes}: the
 * reader's, the search engine's and the tools'. The ZIM backend also answers with the core's {@code NOT_FOUND}
 * (an entry or section), {@code TOO_LARGE}, {@code INVALID_REQUEST}, {@code RATE_LIMITED}, {@code TIMEOUT} and
 * {@code INTERNAL_ERROR}. Listed in {@code docs/tools.md}.
 */
public final class ZimErrors {

    /** The archive is damaged or is not a ZIM archive ({@link ZimFormatException}). */
    public static final ErrorCode FORMAT_ERROR = ErrorCode.invalid("ZIM_FORMAT_ERROR");
    /** A valid but unsupported feature: zlib or bzip2 clusters, an unknown major version. */
    public static final ErrorCode UNSUPPORTED = ErrorCode.invalid("ZIM_UNSUPPORTED");
    /** The archive's file could not be opened or read. */
    public static final ErrorCode IO_ERROR = ErrorCode.unavailable("ZIM_IO_ERROR");
    /** An operation on a closed archive. */
    public static final ErrorCode CLOSED = ErrorCode.unavailable("ZIM_CLOSED");
    /**
     * The archive's file was truncated, replaced or rewritten while it was open (see
     * {@link ZimArchive#hasChanged()}): close it and open it again.
     */
    public static final ErrorCode CHANGED = ErrorCode.unavailable("ARCHIVE_CHANGED");
    /** No archive by the name asked for is served (the MCP tools). */
    public static final ErrorCode ARCHIVE_NOT_FOUND = ErrorCode.notFound("ARCHIVE_NOT_FOUND");
    /** An embedded Xapian index is damaged, truncated or in a format Burrow does not read. */
    public static final ErrorCode INDEX_FORMAT_ERROR = ErrorCode.invalid("INDEX_FORMAT_ERROR");
    /** Full-text search was asked of an archive without a usable full-text index. */
    public static final ErrorCode NO_FULLTEXT_INDEX = ErrorCode.invalid("NO_FULLTEXT_INDEX");

    private ZimErrors() {
    }
}
